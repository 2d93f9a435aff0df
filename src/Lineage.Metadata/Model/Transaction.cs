// SPDX-License-Identifier: Apache-2.0

using System.Text.Json.Serialization;

namespace Lineage.Metadata.Model;

/// <summary>A stored transaction (table <c>transactions</c>, reference §6.3). The signature is not stored.</summary>
public sealed record Transaction
{
    [JsonPropertyName("hash")]
    public string Hash { get; init; } = "";

    [JsonPropertyName("method")]
    public string Method { get; init; } = "";

    [JsonPropertyName("meta_contract_id")]
    public string MetaContractId { get; init; } = "";

    [JsonPropertyName("data_key")]
    public string DataKey { get; init; } = "";

    [JsonPropertyName("token_key")]
    public string TokenKey { get; init; } = "";

    [JsonPropertyName("data")]
    public string Data { get; init; } = "";

    [JsonPropertyName("public_key")]
    public string PublicKey { get; init; } = "";

    [JsonPropertyName("alias")]
    public string Alias { get; init; } = "";

    /// <summary>Node clock (ms) when the transaction was accepted.</summary>
    [JsonPropertyName("timestamp")]
    public long Timestamp { get; init; }

    [JsonPropertyName("chain_id")]
    public string ChainId { get; init; } = "";

    [JsonPropertyName("token_address")]
    public string TokenAddress { get; init; } = "";

    [JsonPropertyName("token_id")]
    public string TokenId { get; init; } = "";

    [JsonPropertyName("version")]
    public string Version { get; init; } = "";

    /// <summary><see cref="TransactionStatus"/>: 0 pending, 1 done, 2 failed (the reference used 1 for both, defect D1).</summary>
    [JsonPropertyName("status")]
    public long Status { get; init; }

    [JsonPropertyName("mcdata")]
    public string Mcdata { get; init; } = "";
}
