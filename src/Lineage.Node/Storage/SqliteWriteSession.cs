// SPDX-License-Identifier: Apache-2.0

using Dapper;
using Lineage.Metadata.Model;
using Lineage.Metadata.Storage;
using Microsoft.Data.Sqlite;

namespace Lineage.Node.Storage;

/// <summary>The single write transaction (<c>BEGIN IMMEDIATE</c>) on the store's writer connection.</summary>
internal sealed class SqliteWriteSession : SqliteReadSession, ILineageWriteSession
{
    private readonly Action _release;
    private bool _finished;

    public SqliteWriteSession(SqliteConnection connection, SqliteStatements statements, Action release)
        : base(connection, ownsConnection: false, statements)
    {
        _release = release;
        Transaction = connection.BeginTransaction(deferred: false);
    }

    public bool InsertTransaction(Transaction transaction)
    {
        SqliteCommand command = Statements.Get(
            "INSERT OR IGNORE INTO transactions (hash, method, meta_contract_id, token_key, data_key, data, public_key, alias, timestamp, chain_id, token_address, token_id, version, mcdata, status) VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7, @p8, @p9, @p10, @p11, @p12, @p13, @p14)",
            Transaction, "@p0", "@p1", "@p2", "@p3", "@p4", "@p5", "@p6", "@p7", "@p8", "@p9", "@p10", "@p11", "@p12", "@p13", "@p14");
        return Run(command, transaction.Hash, transaction.Method, transaction.MetaContractId, transaction.TokenKey, transaction.DataKey, transaction.Data,
            transaction.PublicKey, transaction.Alias, transaction.Timestamp, transaction.ChainId, transaction.TokenAddress, transaction.TokenId,
            transaction.Version, transaction.Mcdata, transaction.Status) == 1;
    }

    public void ReplaceTransaction(Transaction transaction) => Connection.Execute(
        "UPDATE transactions SET method = @Method, meta_contract_id = @MetaContractId, token_key = @TokenKey, data_key = @DataKey, data = @Data, public_key = @PublicKey, alias = @Alias, timestamp = @Timestamp, chain_id = @ChainId, token_address = @TokenAddress, token_id = @TokenId, version = @Version, mcdata = @Mcdata, status = @Status WHERE hash = @Hash",
        transaction, Transaction);

    public void SetTransactionStatus(string hash, long status) =>
        Run(Statements.Get("UPDATE transactions SET status = @p1 WHERE hash = @p0", Transaction, "@p0", "@p1"), hash, status);

    public void PutReceipt(TransactionReceipt receipt) => Run(
        Statements.Get(
            "INSERT OR REPLACE INTO transaction_receipt (hash, meta_contract_id, status, timestamp, error_text, data) VALUES (@p0, @p1, @p2, @p3, @p4, @p5)",
            Transaction, "@p0", "@p1", "@p2", "@p3", "@p4", "@p5"),
        receipt.Hash, receipt.MetaContractId, receipt.Status, receipt.Timestamp, receipt.ErrorText, receipt.Data);

    public void PutMetadata(MetadataRecord row) => Run(
        Statements.Get(
            "INSERT OR REPLACE INTO metadatas (hash, token_key, data_key, meta_contract_id, token_id, alias, cid, public_key, version, loose) VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7, @p8, @p9)",
            Transaction, "@p0", "@p1", "@p2", "@p3", "@p4", "@p5", "@p6", "@p7", "@p8", "@p9"),
        row.Hash, row.TokenKey, row.DataKey, row.MetaContractId, row.TokenId, row.Alias, row.Cid, row.PublicKey, row.Version, row.Loose);

    public void DeleteMetadata(string hash) => Connection.Execute("DELETE FROM metadatas WHERE hash = @hash", new { hash }, Transaction);

    public void PutBinding(MetaContractBinding binding) => Connection.Execute(
        "INSERT OR REPLACE INTO metacontracts (hash, token_key, meta_contract_id, public_key, cid) VALUES (@Hash, @TokenKey, @MetaContractId, @PublicKey, @Cid)",
        binding, Transaction);

    public void DeleteBinding(string hash) => Connection.Execute("DELETE FROM metacontracts WHERE hash = @hash", new { hash }, Transaction);

    public void PutRegistry(RegistryEntry entry) => Connection.Execute(
        "INSERT OR REPLACE INTO registry (registry_id, registry_name, meta_contract_id, public_key) VALUES (@RegistryId, @RegistryName, @MetaContractId, @PublicKey)",
        entry, Transaction);

    public void PutCron(CronRecord cron) => Connection.Execute(
        "INSERT OR REPLACE INTO cron (hash, token_key, address, token_type, chain, topic, status, meta_contract_id, node_url, last_processed_block, public_key, abi_url) VALUES (@Hash, @TokenKey, @Address, @TokenType, @Chain, @Topic, @Status, @MetaContractId, @NodeUrl, @LastProcessedBlock, @PublicKey, @AbiUrl)",
        cron, Transaction);

    public void PutCronTx(CronTxRecord cronTx) => Connection.Execute(
        "INSERT OR REPLACE INTO cron_tx (hash, address, token_type, chain, topic, meta_contract_id, timestamp, tx_block_number, tx_hash, status, data, error_text, token_id, data_key, token_key) VALUES (@Hash, @Address, @TokenType, @Chain, @Topic, @MetaContractId, @Timestamp, @TxBlockNumber, @TxHash, @Status, @Data, @ErrorText, @TokenId, @DataKey, @TokenKey)",
        cronTx, Transaction);

    public void PutBlock(string cid, byte[] block) =>
        Run(Statements.Get("INSERT OR IGNORE INTO blocks (cid, data) VALUES (@p0, @p1)", Transaction, "@p0", "@p1"), cid, block);

    // Savepoint names are the executor's own constants, never caller input.
    public void Savepoint(string name) => Run(Statements.Get("SAVEPOINT " + CheckName(name), Transaction));

    public void RollbackToSavepoint(string name) => Run(Statements.Get("ROLLBACK TO SAVEPOINT " + CheckName(name), Transaction));

    public void ReleaseSavepoint(string name) => Run(Statements.Get("RELEASE SAVEPOINT " + CheckName(name), Transaction));

    /// <summary>Binds <paramref name="values"/> to the command's parameters by position and executes it.</summary>
    private static int Run(SqliteCommand command, params ReadOnlySpan<object?> values)
    {
        for (int i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }

        return command.ExecuteNonQuery();
    }

    private static string CheckName(string name) => name.All(char.IsAsciiLetter) && name.Length > 0
        ? name
        : throw new ArgumentException("savepoint names are ASCII letters", nameof(name));

    public void Commit()
    {
        Transaction!.Commit();
        _finished = true;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            if (!_finished)
            {
                Transaction?.Rollback();
            }

            Transaction?.Dispose();
            _release();
        }

        base.Dispose(disposing);
    }
}
