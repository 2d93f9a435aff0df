// SPDX-License-Identifier: Apache-2.0

using System.Text.Json.Serialization;

namespace Lineage.Metadata.Model;

/// <summary>Reference <c>FdbMetadataHistoryResult</c>: newest block as dag-json text, older blocks newest first.</summary>
public sealed record MetadataHistoryResult
{
    [JsonPropertyName("success")]
    public bool Success { get; init; }

    [JsonPropertyName("err_msg")]
    public string ErrMsg { get; init; } = "";

    /// <summary>The newest block (dag-json).</summary>
    [JsonPropertyName("metadata")]
    public string Metadata { get; init; } = "{}";

    /// <summary>Older blocks, newest first (dag-json).</summary>
    [JsonPropertyName("history")]
    public IReadOnlyList<string> History { get; init; } = [];
}
