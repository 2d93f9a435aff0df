// SPDX-License-Identifier: Apache-2.0

using System.Collections.Frozen;
using System.Text;
using Dapper;
using Lineage.Metadata.Model;
using Lineage.Metadata.Queries;
using Lineage.Metadata.Storage;
using Microsoft.Data.Sqlite;

namespace Lineage.Node.Storage;

/// <summary>Reads over one SQLite connection. Every value is a bound parameter; column names come from whitelists.</summary>
internal class SqliteReadSession : ILineageReadSession
{
    private static readonly FrozenSet<string> s_operators = FrozenSet.ToFrozenSet(["=", "!=", "<", "<=", ">", ">=", "LIKE"], StringComparer.Ordinal);

    private readonly bool _ownsConnection;

    /// <param name="connection">The connection.</param>
    /// <param name="ownsConnection">Dispose the connection (and the statements) with the session.</param>
    /// <param name="statements">
    /// Prepared commands to use: the writer passes its long-lived cache; a read session gets its own.
    /// </param>
    public SqliteReadSession(SqliteConnection connection, bool ownsConnection, SqliteStatements? statements = null)
    {
        Connection = connection;
        _ownsConnection = ownsConnection;
        Statements = statements ?? new SqliteStatements(connection);
    }

    protected SqliteConnection Connection { get; }

    /// <summary>Prepared commands for the point lookups and writes (each compiled once per cache).</summary>
    protected SqliteStatements Statements { get; }

    protected SqliteTransaction? Transaction { get; set; }

    public Transaction? GetTransaction(string hash) => QuerySingle(
        $"SELECT {SqliteSchema.TransactionColumns} FROM transactions WHERE hash = @key", hash, SqliteRows.ReadTransaction);

    public IReadOnlyList<Transaction> SearchTransactions(ValidatedSearch search)
    {
        (string sql, DynamicParameters parameters) = Build($"SELECT {SqliteSchema.TransactionColumns} FROM transactions", search, SearchValidator.TransactionColumns);
        return Connection.Query<Transaction>(sql, parameters, Transaction).AsList();
    }

    public IReadOnlyList<Transaction> GetPendingTransactionsInOrder() =>
        Connection.Query<Transaction>($"SELECT {SqliteSchema.TransactionColumns} FROM transactions WHERE status = 0 ORDER BY rowid", transaction: Transaction).AsList();

    public TransactionReceipt? GetReceipt(string hash) => QuerySingle(
        $"SELECT {SqliteSchema.ReceiptColumns} FROM transaction_receipt WHERE hash = @key", hash, SqliteRows.ReadReceipt);

    public MetadataRecord? GetMetadata(string hash) => QuerySingle(
        $"SELECT {SqliteSchema.MetadataColumns} FROM metadatas WHERE hash = @key", hash, SqliteRows.ReadMetadata);

    public IReadOnlyList<MetadataRecord> SearchMetadatas(ValidatedSearch search)
    {
        (string sql, DynamicParameters parameters) = Build($"SELECT {SqliteSchema.MetadataColumns} FROM metadatas", search, SearchValidator.MetadataColumns);
        if (search.Conditions.Count == 0 || search.Limit > 0 || search.Offset > 0)
        {
            return Connection.Query<MetadataRecord>(sql, parameters, Transaction).AsList();
        }

        // The executor's searches (conditions only) reuse a prepared command.
        Span<string> names = ["@p0", "@p1", "@p2", "@p3", "@p4", "@p5", "@p6", "@p7"];
        if (search.Conditions.Count > names.Length)
        {
            return Connection.Query<MetadataRecord>(sql, parameters, Transaction).AsList();
        }

        SqliteCommand command = Statements.Get(sql, Transaction, names[..search.Conditions.Count]);
        for (int i = 0; i < search.Conditions.Count; i++)
        {
            command.Parameters[i].Value = (object?)search.Conditions[i].Value ?? DBNull.Value;
        }

        var rows = new List<MetadataRecord>();
        using SqliteDataReader reader = command.ExecuteReader();
        while (reader.Read())
        {
            rows.Add(SqliteRows.ReadMetadata(reader));
        }

        return rows;
    }

    public long CountMetadatas(ValidatedSearch search)
    {
        // The range applies to the rows counted, as LIMIT did in the reference's count query.
        (string sql, DynamicParameters parameters) = Build("SELECT 1 FROM metadatas", search with { Orderings = [] }, SearchValidator.MetadataColumns);
        return Connection.ExecuteScalar<long>($"SELECT COUNT(*) FROM ({sql})", parameters, Transaction);
    }

    public MetaContractBinding? GetBindingByTokenKey(string tokenKey) => tokenKey.Length == 0
        ? null
        : QuerySingle($"SELECT {SqliteSchema.BindingColumns} FROM metacontracts WHERE token_key = @key ORDER BY rowid LIMIT 1", tokenKey, SqliteRows.ReadBinding);

    public MetaContractBinding? GetBindingByContractId(string metaContractId) => QuerySingle(
        $"SELECT {SqliteSchema.BindingColumns} FROM metacontracts WHERE meta_contract_id = @key ORDER BY rowid LIMIT 1", metaContractId, SqliteRows.ReadBinding);

    public RegistryEntry? GetRegistry(string registryId) => QuerySingle(
        $"SELECT {SqliteSchema.RegistryColumns} FROM registry WHERE registry_id = @key", registryId, SqliteRows.ReadRegistry);

    public CronRecord? GetCron(string hash) => QuerySingle(
        $"SELECT {SqliteSchema.CronColumns} FROM cron WHERE hash = @key", hash, SqliteRows.ReadCron);

    public IReadOnlyList<CronRecord> GetCrons(bool enabledOnly) => Connection.Query<CronRecord>(
        enabledOnly ? $"SELECT {SqliteSchema.CronColumns} FROM cron WHERE status = 1 ORDER BY rowid" : $"SELECT {SqliteSchema.CronColumns} FROM cron ORDER BY rowid",
        transaction: Transaction).AsList();

    public IReadOnlyList<CronTxRecord> SearchCronTxs(string? address, string? chain, string? topic) => Connection.Query<CronTxRecord>(
        $"SELECT {SqliteSchema.CronTxColumns} FROM cron_tx WHERE (@address IS NULL OR address = @address) AND (@chain IS NULL OR chain = @chain) AND (@topic IS NULL OR topic = @topic) ORDER BY tx_block_number, rowid",
        new { address, chain, topic }, Transaction).AsList();

    public CronTxRecord? GetCronTx(string txHash, string address, string chain, string topic) => Connection.QuerySingleOrDefault<CronTxRecord>(
        $"SELECT {SqliteSchema.CronTxColumns} FROM cron_tx WHERE tx_hash = @txHash AND address = @address AND chain = @chain AND topic = @topic",
        new { txHash, address, chain, topic }, Transaction);

    public byte[]? GetBlock(string cid) => QuerySingle("SELECT data FROM blocks WHERE cid = @key", cid, reader => (byte[])reader.GetValue(0));

    /// <summary>The row selected by the one parameter <c>@key</c>, read by <paramref name="read"/>; null when none.</summary>
    private T? QuerySingle<T>(string sql, string key, Func<SqliteDataReader, T> read)
        where T : class
    {
        SqliteCommand command = Statements.Get(sql, Transaction, "@key");
        command.Parameters[0].Value = key;
        using SqliteDataReader reader = command.ExecuteReader();
        return reader.Read() ? read(reader) : null;
    }

    private static (string Sql, DynamicParameters Parameters) Build(string select, ValidatedSearch search, FrozenSet<string> columns)
    {
        var sql = new StringBuilder(select);
        var parameters = new DynamicParameters();
        for (int i = 0; i < search.Conditions.Count; i++)
        {
            ValidatedCondition condition = search.Conditions[i];
            // Defence in depth: identifiers and operators are re-checked against the whitelists here.
            if (!columns.Contains(condition.Column) || !s_operators.Contains(condition.Operator))
            {
                throw new InvalidQueryException($"column '{condition.Column}' or operator '{condition.Operator}' is not allowed");
            }

            sql.Append(i == 0 ? " WHERE " : " AND ").Append(condition.Column).Append(' ').Append(condition.Operator).Append(" @p").Append(i);
            parameters.Add("p" + i, condition.Value);
        }

        for (int i = 0; i < search.Orderings.Count; i++)
        {
            ValidatedOrdering ordering = search.Orderings[i];
            if (!columns.Contains(ordering.Column))
            {
                throw new InvalidQueryException($"column '{ordering.Column}' is not allowed");
            }

            sql.Append(i == 0 ? " ORDER BY " : ", ").Append(ordering.Column).Append(ordering.Descending ? " DESC" : " ASC");
        }

        if (search.Limit > 0 || search.Offset > 0)
        {
            sql.Append(" LIMIT @limit OFFSET @offset");
            parameters.Add("limit", search.Limit > 0 ? search.Limit : -1);
            parameters.Add("offset", search.Offset);
        }

        return (sql.ToString(), parameters);
    }

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing && _ownsConnection)
        {
            Statements.Dispose();
            Connection.Dispose();
        }
    }
}
