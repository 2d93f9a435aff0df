// SPDX-License-Identifier: Apache-2.0

using System.Text.Json.Serialization;

namespace Lineage.Metadata.Model;

/// <summary>A signed request as sent to <c>publish</c> (reference §6.1). Missing or null fields count as empty.</summary>
public sealed record TransactionRequest
{
    /// <summary>Meta contract id (UUID) or a registry id such as <c>0x01</c>.</summary>
    [JsonPropertyName("meta_contract_id")]
    public string MetaContractId { get; init; } = "";

    /// <summary>Metadata field name; empty means the whole object.</summary>
    [JsonPropertyName("alias")]
    public string Alias { get; init; } = "";

    /// <summary><c>0x</c> Ethereum address (secp256k1) or base58 ed25519 public key.</summary>
    [JsonPropertyName("public_key")]
    public string PublicKey { get; init; } = "";

    /// <summary>Signature over <see cref="Data"/> only (EIP-191 hex, or base58 ed25519).</summary>
    [JsonPropertyName("signature")]
    public string Signature { get; init; } = "";

    /// <summary>Payload; its shape depends on <see cref="Method"/>.</summary>
    [JsonPropertyName("data")]
    public string Data { get; init; } = "";

    /// <summary><c>metadata</c>, <c>contract</c>, <c>clone</c> or <c>cron</c>.</summary>
    [JsonPropertyName("method")]
    public string Method { get; init; } = "";

    [JsonPropertyName("chain_id")]
    public string ChainId { get; init; } = "";

    [JsonPropertyName("token_address")]
    public string TokenAddress { get; init; } = "";

    [JsonPropertyName("token_id")]
    public string TokenId { get; init; } = "";

    /// <summary>Free-form namespace of the row.</summary>
    [JsonPropertyName("version")]
    public string Version { get; init; } = "";

    /// <summary>JSON passed through to the meta contract, e.g. <c>{"loose":1}</c>.</summary>
    [JsonPropertyName("mcdata")]
    public string Mcdata { get; init; } = "";
}
