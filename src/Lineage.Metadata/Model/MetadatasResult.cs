// SPDX-License-Identifier: Apache-2.0

using System.Text.Json.Serialization;

namespace Lineage.Metadata.Model;

/// <summary>Reference <c>FdbMetadatasResult</c>.</summary>
public sealed record MetadatasResult
{
    [JsonPropertyName("success")]
    public bool Success { get; init; }

    [JsonPropertyName("err_msg")]
    public string ErrMsg { get; init; } = "";

    [JsonPropertyName("metadatas")]
    public IReadOnlyList<MetadataRecord> Metadatas { get; init; } = [];
}
