// SPDX-License-Identifier: Apache-2.0

using System.Text.Json.Serialization;

namespace Lineage.Metadata.Model;

/// <summary>The <c>data</c> of a <c>clone</c> transaction: the origin row to copy into the request's data_key.</summary>
public sealed record CloneData
{
    [JsonPropertyName("origin_data_key")]
    public string OriginDataKey { get; init; } = "";

    [JsonPropertyName("origin_meta_contract_id")]
    public string OriginMetaContractId { get; init; } = "";

    [JsonPropertyName("origin_public_key")]
    public string OriginPublicKey { get; init; } = "";

    [JsonPropertyName("origin_alias")]
    public string OriginAlias { get; init; } = "";

    [JsonPropertyName("origin_version")]
    public string OriginVersion { get; init; } = "";
}
