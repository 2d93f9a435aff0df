// SPDX-License-Identifier: Apache-2.0

namespace Lineage.Metadata.Queries;

/// <summary>A condition whose column and operator come from the whitelist (never from the caller's text).</summary>
/// <param name="Column">Whitelisted column name.</param>
/// <param name="Operator">Whitelisted SQL operator (<c>=</c>, <c>!=</c>, <c>&lt;</c>, <c>&lt;=</c>, <c>&gt;</c>, <c>&gt;=</c>, <c>LIKE</c>).</param>
/// <param name="Value">The caller's value, to be bound as a parameter.</param>
public sealed record ValidatedCondition(string Column, string Operator, string Value);
