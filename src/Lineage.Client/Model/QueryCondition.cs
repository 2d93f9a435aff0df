// SPDX-License-Identifier: Apache-2.0

using System.Text.Json.Serialization;

namespace Lineage.Client.Model;

/// <summary>One search condition <c>{column, op, query}</c> (op defaults to <c>=</c>).</summary>
public sealed record QueryCondition
{
    [JsonPropertyName("column")]
    public string Column { get; init; } = "";

    [JsonPropertyName("op")]
    public string Op { get; init; } = "";

    [JsonPropertyName("query")]
    public string Query { get; init; } = "";
}
