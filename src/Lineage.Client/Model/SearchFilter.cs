// SPDX-License-Identifier: Apache-2.0

using System.Text.Json.Serialization;

namespace Lineage.Client.Model;

/// <summary>Filter of <c>search_metadatas</c> and <c>get_transactions</c>: conditions joined with AND, ordering, and the range <c>from</c>, <c>to</c> (0 = no limit).</summary>
public sealed record SearchFilter
{
    [JsonPropertyName("query")]
    public IReadOnlyList<QueryCondition> Query { get; init; } = [];

    [JsonPropertyName("ordering")]
    public IReadOnlyList<QueryOrdering> Ordering { get; init; } = [];

    [JsonPropertyName("from")]
    public long From { get; init; }

    [JsonPropertyName("to")]
    public long To { get; init; }
}
