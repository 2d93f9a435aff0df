// SPDX-License-Identifier: Apache-2.0

using System.Text.Json.Serialization;

namespace Lineage.Client.Model;

/// <summary>One ordering <c>{column, sort}</c> (<c>asc</c> or <c>desc</c>).</summary>
public sealed record QueryOrdering
{
    [JsonPropertyName("column")]
    public string Column { get; init; } = "";

    [JsonPropertyName("sort")]
    public string Sort { get; init; } = "";
}
