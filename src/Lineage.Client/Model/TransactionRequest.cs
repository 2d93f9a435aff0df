// SPDX-License-Identifier: Apache-2.0

using System.Text.Json.Serialization;

namespace Lineage.Client.Model;

/// <summary>A Lineage transaction request as sent to <c>publish</c>; <see cref="Signature"/> covers <see cref="Data"/> only.</summary>
public sealed record TransactionRequest
{
    [JsonPropertyName("meta_contract_id")]
    public string MetaContractId { get; init; } = "";

    [JsonPropertyName("alias")]
    public string Alias { get; init; } = "";

    [JsonPropertyName("public_key")]
    public string PublicKey { get; init; } = "";

    [JsonPropertyName("signature")]
    public string Signature { get; init; } = "";

    [JsonPropertyName("data")]
    public string Data { get; init; } = "";

    [JsonPropertyName("method")]
    public string Method { get; init; } = "";

    [JsonPropertyName("chain_id")]
    public string ChainId { get; init; } = "";

    [JsonPropertyName("token_address")]
    public string TokenAddress { get; init; } = "";

    [JsonPropertyName("token_id")]
    public string TokenId { get; init; } = "";

    [JsonPropertyName("version")]
    public string Version { get; init; } = "";

    [JsonPropertyName("mcdata")]
    public string Mcdata { get; init; } = "";
}
