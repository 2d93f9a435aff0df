// SPDX-License-Identifier: Apache-2.0

using System.Text.Json.Serialization;

namespace Lineage.Client.Model;

/// <summary>Answer of the metadata list and search methods.</summary>
public sealed record MetadatasResult
{
    [JsonPropertyName("success")]
    public bool Success { get; init; }

    [JsonPropertyName("err_msg")]
    public string ErrMsg { get; init; } = "";

    [JsonPropertyName("metadatas")]
    public IReadOnlyList<MetadataRecord> Metadatas { get; init; } = [];
}
