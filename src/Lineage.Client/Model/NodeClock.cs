// SPDX-License-Identifier: Apache-2.0

using System.Text.Json.Serialization;

namespace Lineage.Client.Model;

/// <summary>Answer of <c>get_node_clock</c>: the node's clock in Unix milliseconds.</summary>
public sealed record NodeClock
{
    [JsonPropertyName("timestamp")]
    public long Timestamp { get; init; }
}
