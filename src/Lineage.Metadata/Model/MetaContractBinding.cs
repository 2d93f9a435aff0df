// SPDX-License-Identifier: Apache-2.0

using System.Text.Json.Serialization;

namespace Lineage.Metadata.Model;

/// <summary>A meta contract bound to a collection (table <c>metacontracts</c>; the reference type <c>MetaContract</c>).</summary>
public sealed record MetaContractBinding
{
    /// <summary>base58(sha256(token_key + meta_contract_id + public_key)).</summary>
    [JsonPropertyName("hash")]
    public string Hash { get; init; } = "";

    /// <summary>Collection the contract governs; empty for a contract not bound to a collection.</summary>
    [JsonPropertyName("token_key")]
    public string TokenKey { get; init; } = "";

    [JsonPropertyName("meta_contract_id")]
    public string MetaContractId { get; init; } = "";

    /// <summary>Who bound it (owner).</summary>
    [JsonPropertyName("public_key")]
    public string PublicKey { get; init; } = "";

    [JsonPropertyName("cid")]
    public string Cid { get; init; } = "";
}
