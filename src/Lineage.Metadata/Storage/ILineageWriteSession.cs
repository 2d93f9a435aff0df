// SPDX-License-Identifier: Apache-2.0

using Lineage.Metadata.Model;

namespace Lineage.Metadata.Storage;

/// <summary>
/// One atomic write transaction; reads through it see its own uncommitted writes. Savepoints let the executor
/// undo one transaction's partial effects without losing the rest of the group commit.
/// </summary>
public interface ILineageWriteSession : ILineageReadSession
{
    /// <summary>Inserts a transaction; false (and nothing changes) when its hash already exists.</summary>
    bool InsertTransaction(Transaction transaction);

    /// <summary>Replaces a stored transaction (re-acceptance of a previously failed one).</summary>
    void ReplaceTransaction(Transaction transaction);

    void SetTransactionStatus(string hash, long status);

    /// <summary>Inserts or replaces a receipt.</summary>
    void PutReceipt(TransactionReceipt receipt);

    /// <summary>Inserts or replaces a metadata row (keyed by its hash).</summary>
    void PutMetadata(MetadataRecord row);

    void DeleteMetadata(string hash);

    /// <summary>Inserts or replaces a binding (keyed by its hash).</summary>
    void PutBinding(MetaContractBinding binding);

    void DeleteBinding(string hash);

    void PutRegistry(RegistryEntry entry);

    void PutCron(CronRecord cron);

    /// <summary>Inserts or replaces a cron tx (unique per address, chain, topic, tx_hash).</summary>
    void PutCronTx(CronTxRecord cronTx);

    /// <summary>Stores a block under its CID (idempotent).</summary>
    void PutBlock(string cid, byte[] block);

    void Savepoint(string name);

    void RollbackToSavepoint(string name);

    void ReleaseSavepoint(string name);

    /// <summary>Commits durably; the session is finished afterwards.</summary>
    void Commit();
}
