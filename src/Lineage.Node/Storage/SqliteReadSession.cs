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

    public SqliteReadSession(SqliteConnection connection, bool ownsConnection)
    {
        Connection = connection;
        _ownsConnection = ownsConnection;
    }

    protected SqliteConnection Connection { get; }

    protected SqliteTransaction? Transaction { get; set; }

    public Transaction? GetTransaction(string hash) =>
        Connection.QuerySingleOrDefault<Transaction>($"SELECT {SqliteSchema.TransactionColumns} FROM transactions WHERE hash = @hash", new { hash }, Transaction);

    public IReadOnlyList<Transaction> SearchTransactions(ValidatedSearch search)
    {
        (string sql, DynamicParameters parameters) = Build($"SELECT {SqliteSchema.TransactionColumns} FROM transactions", search, SearchValidator.TransactionColumns);
        return Connection.Query<Transaction>(sql, parameters, Transaction).AsList();
    }

    public IReadOnlyList<Transaction> GetPendingTransactionsInOrder() =>
        Connection.Query<Transaction>($"SELECT {SqliteSchema.TransactionColumns} FROM transactions WHERE status = 0 ORDER BY rowid", transaction: Transaction).AsList();

    public TransactionReceipt? GetReceipt(string hash) =>
        Connection.QuerySingleOrDefault<TransactionReceipt>($"SELECT {SqliteSchema.ReceiptColumns} FROM transaction_receipt WHERE hash = @hash", new { hash }, Transaction);

    public MetadataRecord? GetMetadata(string hash) =>
        Connection.QuerySingleOrDefault<MetadataRecord>($"SELECT {SqliteSchema.MetadataColumns} FROM metadatas WHERE hash = @hash", new { hash }, Transaction);

    public IReadOnlyList<MetadataRecord> SearchMetadatas(ValidatedSearch search)
    {
        (string sql, DynamicParameters parameters) = Build($"SELECT {SqliteSchema.MetadataColumns} FROM metadatas", search, SearchValidator.MetadataColumns);
        return Connection.Query<MetadataRecord>(sql, parameters, Transaction).AsList();
    }

    public long CountMetadatas(ValidatedSearch search)
    {
        // The range applies to the rows counted, as LIMIT did in the reference's count query.
        (string sql, DynamicParameters parameters) = Build("SELECT 1 FROM metadatas", search with { Orderings = [] }, SearchValidator.MetadataColumns);
        return Connection.ExecuteScalar<long>($"SELECT COUNT(*) FROM ({sql})", parameters, Transaction);
    }

    public MetaContractBinding? GetBindingByTokenKey(string tokenKey) => tokenKey.Length == 0
        ? null
        : Connection.QueryFirstOrDefault<MetaContractBinding>($"SELECT {SqliteSchema.BindingColumns} FROM metacontracts WHERE token_key = @tokenKey ORDER BY rowid LIMIT 1", new { tokenKey }, Transaction);

    public MetaContractBinding? GetBindingByContractId(string metaContractId) =>
        Connection.QueryFirstOrDefault<MetaContractBinding>($"SELECT {SqliteSchema.BindingColumns} FROM metacontracts WHERE meta_contract_id = @metaContractId ORDER BY rowid LIMIT 1", new { metaContractId }, Transaction);

    public RegistryEntry? GetRegistry(string registryId) =>
        Connection.QuerySingleOrDefault<RegistryEntry>($"SELECT {SqliteSchema.RegistryColumns} FROM registry WHERE registry_id = @registryId", new { registryId }, Transaction);

    public CronRecord? GetCron(string hash) =>
        Connection.QuerySingleOrDefault<CronRecord>($"SELECT {SqliteSchema.CronColumns} FROM cron WHERE hash = @hash", new { hash }, Transaction);

    public IReadOnlyList<CronRecord> GetCrons(bool enabledOnly) => Connection.Query<CronRecord>(
        enabledOnly ? $"SELECT {SqliteSchema.CronColumns} FROM cron WHERE status = 1 ORDER BY rowid" : $"SELECT {SqliteSchema.CronColumns} FROM cron ORDER BY rowid",
        transaction: Transaction).AsList();

    public IReadOnlyList<CronTxRecord> SearchCronTxs(string? address, string? chain, string? topic) => Connection.Query<CronTxRecord>(
        $"SELECT {SqliteSchema.CronTxColumns} FROM cron_tx WHERE (@address IS NULL OR address = @address) AND (@chain IS NULL OR chain = @chain) AND (@topic IS NULL OR topic = @topic) ORDER BY tx_block_number, rowid",
        new { address, chain, topic }, Transaction).AsList();

    public CronTxRecord? GetCronTx(string txHash, string address, string chain, string topic) => Connection.QuerySingleOrDefault<CronTxRecord>(
        $"SELECT {SqliteSchema.CronTxColumns} FROM cron_tx WHERE tx_hash = @txHash AND address = @address AND chain = @chain AND topic = @topic",
        new { txHash, address, chain, topic }, Transaction);

    public byte[]? GetBlock(string cid) =>
        Connection.QuerySingleOrDefault<byte[]>("SELECT data FROM blocks WHERE cid = @cid", new { cid }, Transaction);

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
            Connection.Dispose();
        }
    }
}
