// SPDX-License-Identifier: Apache-2.0

using System.Text.Json.Serialization;

namespace Lineage.Metadata.Queries;

/// <summary>Filter of <c>get_transactions</c> / <c>search_metadatas</c>: conditions joined with AND, ordering, and a range (to = 0: no limit).</summary>
public sealed record SearchFilter
{
    [JsonPropertyName("query")]
    public IReadOnlyList<QueryCondition> Query { get; init; } = [];

    [JsonPropertyName("ordering")]
    public IReadOnlyList<QueryOrdering> Ordering { get; init; } = [];

    /// <summary>Offset of the first row.</summary>
    [JsonPropertyName("from")]
    public long From { get; init; }

    /// <summary>Row count limit; 0 means no limit (reference LIMIT from,to).</summary>
    [JsonPropertyName("to")]
    public long To { get; init; }
}
