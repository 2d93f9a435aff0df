// SPDX-License-Identifier: Apache-2.0

using System.Text.Json.Serialization;

namespace Lineage.Client.Model;

/// <summary>One metadata field of an NFT, pointing at its newest DAG block.</summary>
public sealed record MetadataRecord
{
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

    [JsonPropertyName("cid")]
    public string Cid { get; init; } = "";

    [JsonPropertyName("public_key")]
    public string PublicKey { get; init; } = "";

    [JsonPropertyName("version")]
    public string Version { get; init; } = "";

    [JsonPropertyName("loose")]
    public long Loose { get; init; }
}
