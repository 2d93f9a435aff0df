// SPDX-License-Identifier: Apache-2.0

using System.Text.Json.Serialization;

namespace Lineage.Metadata.Queries;

/// <summary>One search filter <c>{column, op, query}</c>. Only whitelisted columns and operators are accepted.</summary>
public sealed record QueryCondition
{
    [JsonPropertyName("column")]
    public string Column { get; init; } = "";

    /// <summary>Comparison operator; defaults to <c>=</c> when empty.</summary>
    [JsonPropertyName("op")]
    public string Op { get; init; } = "";

    /// <summary>The value (always bound as a parameter).</summary>
    [JsonPropertyName("query")]
    public string Query { get; init; } = "";
}
