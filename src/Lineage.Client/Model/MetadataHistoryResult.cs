// SPDX-License-Identifier: Apache-2.0

using System.Text.Json.Serialization;

namespace Lineage.Client.Model;

/// <summary>Answer of <c>get_metadata_with_history</c>: the newest block and the older ones (newest first), as dag-json text.</summary>
public sealed record MetadataHistoryResult
{
    [JsonPropertyName("success")]
    public bool Success { get; init; }

    [JsonPropertyName("err_msg")]
    public string ErrMsg { get; init; } = "";

    [JsonPropertyName("metadata")]
    public string Metadata { get; init; } = "";

    [JsonPropertyName("history")]
    public IReadOnlyList<string> History { get; init; } = [];
}
