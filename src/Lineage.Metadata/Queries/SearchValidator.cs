// SPDX-License-Identifier: Apache-2.0

using System.Collections.Frozen;

namespace Lineage.Metadata.Queries;

/// <summary>
/// Turns a caller's <see cref="SearchFilter"/> into a <see cref="ValidatedSearch"/>: columns and operators must be
/// on the whitelist (fixes reference defect D4, SQL injection through <c>column</c>/<c>op</c>); the values are only
/// ever bound as parameters. Anything else is an <see cref="InvalidQueryException"/>.
/// </summary>
public static class SearchValidator
{
    /// <summary>Columns of <c>metadatas</c>.</summary>
    public static readonly FrozenSet<string> MetadataColumns = FrozenSet.ToFrozenSet(
        ["hash", "token_key", "data_key", "meta_contract_id", "token_id", "alias", "cid", "public_key", "version", "loose"], StringComparer.Ordinal);

    /// <summary>Columns of <c>transactions</c>.</summary>
    public static readonly FrozenSet<string> TransactionColumns = FrozenSet.ToFrozenSet(
        ["hash", "method", "meta_contract_id", "token_key", "data_key", "data", "public_key", "alias", "timestamp", "chain_id",
         "token_address", "token_id", "version", "mcdata", "status"], StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, string> s_operators = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        [""] = "=", ["="] = "=", ["=="] = "=", ["!="] = "!=", ["<>"] = "!=", ["<"] = "<", ["<="] = "<=", [">"] = ">",
        [">="] = ">=", ["like"] = "LIKE",
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>Largest number of conditions or orderings accepted.</summary>
    public const int MaxTerms = 32;

    /// <summary>Validates a filter over <c>metadatas</c>.</summary>
    public static ValidatedSearch ForMetadatas(SearchFilter? filter) => Validate(filter, MetadataColumns, "metadatas", defaultOrdering: null);

    /// <summary>Validates a filter over <c>transactions</c> (default ordering <c>timestamp DESC</c>).</summary>
    public static ValidatedSearch ForTransactions(SearchFilter? filter) =>
        Validate(filter, TransactionColumns, "transactions", new ValidatedOrdering("timestamp", Descending: true));

    private static ValidatedSearch Validate(SearchFilter? filter, FrozenSet<string> columns, string table, ValidatedOrdering? defaultOrdering)
    {
        filter ??= new SearchFilter();
        IReadOnlyList<QueryCondition> query = filter.Query ?? [];
        IReadOnlyList<QueryOrdering> ordering = filter.Ordering ?? [];
        if (query.Count > MaxTerms || ordering.Count > MaxTerms)
        {
            throw new InvalidQueryException($"at most {MaxTerms} query conditions and orderings are accepted");
        }

        if (filter.From < 0 || filter.To < 0)
        {
            throw new InvalidQueryException("from and to must not be negative");
        }

        var conditions = new List<ValidatedCondition>(query.Count);
        foreach (QueryCondition condition in query)
        {
            if (condition is null)
            {
                throw new InvalidQueryException("null query condition");
            }

            string column = Column(columns, condition.Column, table);
            if (!s_operators.TryGetValue(condition.Op ?? string.Empty, out string? op))
            {
                throw new InvalidQueryException($"operator '{condition.Op}' is not allowed (allowed: =, !=, <>, <, <=, >, >=, like)");
            }

            conditions.Add(new ValidatedCondition(column, op, condition.Query ?? string.Empty));
        }

        var orderings = new List<ValidatedOrdering>(ordering.Count);
        foreach (QueryOrdering order in ordering)
        {
            if (order is null)
            {
                throw new InvalidQueryException("null ordering");
            }

            string column = Column(columns, order.Column, table);
            bool descending = (order.Sort ?? string.Empty).Trim().ToUpperInvariant() switch
            {
                "" or "ASC" => false,
                "DESC" => true,
                _ => throw new InvalidQueryException($"sort '{order.Sort}' is not allowed (asc or desc)"),
            };
            orderings.Add(new ValidatedOrdering(column, descending));
        }

        if (orderings.Count == 0 && defaultOrdering is not null)
        {
            orderings.Add(defaultOrdering);
        }

        return new ValidatedSearch(conditions, orderings, filter.From, filter.To);
    }

    private static string Column(FrozenSet<string> columns, string? requested, string table)
    {
        // Return the whitelist's own instance so no caller text ever reaches SQL.
        if (requested is not null && columns.TryGetValue(requested.Trim(), out string? column))
        {
            return column;
        }

        throw new InvalidQueryException($"column '{requested}' is not searchable in {table} (allowed: {string.Join(", ", columns.Order(StringComparer.Ordinal))})");
    }
}
