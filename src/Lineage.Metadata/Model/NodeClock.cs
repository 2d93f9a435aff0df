// SPDX-License-Identifier: Apache-2.0

using System.Text.Json.Serialization;

namespace Lineage.Metadata.Model;

/// <summary>Result of <c>get_node_clock</c>.</summary>
public sealed record NodeClock
{
    /// <summary>Milliseconds since the Unix epoch.</summary>
    [JsonPropertyName("timestamp")]
    public long Timestamp { get; init; }
}
