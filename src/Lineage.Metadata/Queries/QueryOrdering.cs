// SPDX-License-Identifier: Apache-2.0

using System.Text.Json.Serialization;

namespace Lineage.Metadata.Queries;

/// <summary>One ordering <c>{column, sort}</c>; sort is <c>asc</c> or <c>desc</c>.</summary>
public sealed record QueryOrdering
{
    [JsonPropertyName("column")]
    public string Column { get; init; } = "";

    [JsonPropertyName("sort")]
    public string Sort { get; init; } = "";
}
