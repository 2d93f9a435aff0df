// SPDX-License-Identifier: Apache-2.0

using System.Text.Json.Serialization;

namespace Lineage.Metadata.Model;

/// <summary>One logical metadata field (table <c>metadatas</c>) pointing at its latest DAG block.</summary>
public sealed record MetadataRecord
{
    /// <summary>base58(sha256(data_key + meta_contract_id + alias + public_key + version)).</summary>
    [JsonPropertyName("hash")]
    public string Hash { get; init; } = "";

    [JsonPropertyName("token_key")]
    public string TokenKey { get; init; } = "";

    [JsonPropertyName("data_key")]
    public string DataKey { get; init; } = "";

    [JsonPropertyName("meta_contract_id")]
    public string MetaContractId { get; init; } = "";

    [JsonPropertyName("token_id")]
    public string TokenId { get; init; } = "";

    [JsonPropertyName("alias")]
    public string Alias { get; init; } = "";

    /// <summary>CID of the newest DAG block of this field.</summary>
    [JsonPropertyName("cid")]
    public string Cid { get; init; } = "";

    [JsonPropertyName("public_key")]
    public string PublicKey { get; init; } = "";

    [JsonPropertyName("version")]
    public string Version { get; init; } = "";

    /// <summary>0 or 1; stored and echoed, no behaviour (reference D19).</summary>
    [JsonPropertyName("loose")]
    public long Loose { get; init; }
}
