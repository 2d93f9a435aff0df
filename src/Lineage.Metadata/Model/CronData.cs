// SPDX-License-Identifier: Apache-2.0

using System.Text.Json.Serialization;

namespace Lineage.Metadata.Model;

/// <summary>The <c>data</c> of a <c>cron</c> transaction.</summary>
public sealed record CronData
{
    /// <summary><c>create</c>, <c>update</c> or <c>update_status</c>.</summary>
    [JsonPropertyName("action")]
    public string Action { get; init; } = "";

    /// <summary>Cron hash (update actions).</summary>
    [JsonPropertyName("hash")]
    public string Hash { get; init; } = "";

    [JsonPropertyName("address")]
    public string Address { get; init; } = "";

    [JsonPropertyName("chain")]
    public string Chain { get; init; } = "";

    [JsonPropertyName("topic")]
    public string Topic { get; init; } = "";

    [JsonPropertyName("token_type")]
    public string TokenType { get; init; } = "";

    [JsonPropertyName("status")]
    public long Status { get; init; }

    [JsonPropertyName("node_url")]
    public string NodeUrl { get; init; } = "";

    [JsonPropertyName("abi_url")]
    public string AbiUrl { get; init; } = "";
}
