// SPDX-License-Identifier: Apache-2.0

namespace Lineage.Metadata.Queries;

/// <summary>A search a store can run safely: whitelisted columns/operators, parameter values, a row range.</summary>
/// <param name="Conditions">Joined with AND.</param>
/// <param name="Orderings">Applied in order.</param>
/// <param name="Offset">Rows to skip.</param>
/// <param name="Limit">Maximum rows; 0 means no limit.</param>
public sealed record ValidatedSearch(IReadOnlyList<ValidatedCondition> Conditions, IReadOnlyList<ValidatedOrdering> Orderings, long Offset, long Limit)
{
    /// <summary>Equality conditions on the given columns (internal callers; columns must be whitelisted names).</summary>
    public static ValidatedSearch Where(params (string Column, string Value)[] equalities) =>
        new([.. equalities.Select(e => new ValidatedCondition(e.Column, "=", e.Value))], [], 0, 0);
}
