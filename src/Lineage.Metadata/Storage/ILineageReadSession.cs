// SPDX-License-Identifier: Apache-2.0

using Lineage.Metadata.Model;
using Lineage.Metadata.Queries;

namespace Lineage.Metadata.Storage;

/// <summary>Reads of the Lineage tables. Searches take only validated (whitelisted) filters.</summary>
public interface ILineageReadSession : IDisposable
{
    Transaction? GetTransaction(string hash);

    IReadOnlyList<Transaction> SearchTransactions(ValidatedSearch search);

    /// <summary>Pending transactions in acceptance order (crash recovery).</summary>
    IReadOnlyList<Transaction> GetPendingTransactionsInOrder();

    TransactionReceipt? GetReceipt(string hash);

    MetadataRecord? GetMetadata(string hash);

    IReadOnlyList<MetadataRecord> SearchMetadatas(ValidatedSearch search);

    long CountMetadatas(ValidatedSearch search);

    MetaContractBinding? GetBindingByTokenKey(string tokenKey);

    MetaContractBinding? GetBindingByContractId(string metaContractId);

    RegistryEntry? GetRegistry(string registryId);

    CronRecord? GetCron(string hash);

    IReadOnlyList<CronRecord> GetCrons(bool enabledOnly);

    /// <summary>Cron transactions; null arguments match everything.</summary>
    IReadOnlyList<CronTxRecord> SearchCronTxs(string? address, string? chain, string? topic);

    CronTxRecord? GetCronTx(string txHash, string address, string chain, string topic);

    /// <summary>The dag-cbor bytes of block <paramref name="cid"/> (canonical text form), or null.</summary>
    byte[]? GetBlock(string cid);
}
