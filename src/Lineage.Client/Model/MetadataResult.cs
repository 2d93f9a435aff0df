// SPDX-License-Identifier: Apache-2.0

using System.Text.Json.Serialization;

namespace Lineage.Client.Model;

/// <summary>Answer of <c>get_metadata</c>.</summary>
public sealed record MetadataResult
{
    [JsonPropertyName("success")]
    public bool Success { get; init; }

    [JsonPropertyName("err_msg")]
    public string ErrMsg { get; init; } = "";

    [JsonPropertyName("metadata")]
    public MetadataRecord? Metadata { get; init; }
}
