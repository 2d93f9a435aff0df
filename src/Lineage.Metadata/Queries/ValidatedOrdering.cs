// SPDX-License-Identifier: Apache-2.0

namespace Lineage.Metadata.Queries;

/// <summary>An ordering over a whitelisted column.</summary>
/// <param name="Column">Whitelisted column name.</param>
/// <param name="Descending">True for <c>DESC</c>.</param>
public sealed record ValidatedOrdering(string Column, bool Descending);
