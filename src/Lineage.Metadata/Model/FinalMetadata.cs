// SPDX-License-Identifier: Apache-2.0

using System.Text.Json.Serialization;

namespace Lineage.Metadata.Model;

/// <summary>A metadata field a meta contract asks the node to write.</summary>
public sealed record FinalMetadata
{
    [JsonPropertyName("public_key")]
    public string PublicKey { get; init; } = "";

    [JsonPropertyName("alias")]
    public string Alias { get; init; } = "";

    /// <summary>JSON text, or any text (stored as a JSON string).</summary>
    [JsonPropertyName("content")]
    public string Content { get; init; } = "";

    [JsonPropertyName("loose")]
    public long Loose { get; init; }

    [JsonPropertyName("version")]
    public string Version { get; init; } = "";
}
