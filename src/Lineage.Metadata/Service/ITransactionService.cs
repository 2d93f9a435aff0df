// SPDX-License-Identifier: Apache-2.0

using Lineage.Metadata.Model;
using Lineage.Metadata.Queries;

namespace Lineage.Metadata.Service;

/// <summary>
/// The Lineage <c>transaction</c> service, transport-free: one method per reference service function
/// (<c>lineage-protocol.md</c> §3.1, §15.1). The JSON-RPC gateway, the Fluence service adapter and the cron
/// follower call only this facade.
/// </summary>
/// <remarks>
/// Writes: <see cref="PublishAsync"/> returns once the transaction (or its failed receipt) is durably committed;
/// an accepted transaction is then executed by the service's ordered executor, exactly once, in acceptance order
/// (so in per-row order); <see cref="WaitForReceiptAsync"/> completes when its receipt exists.
/// Reads return the reference result shapes (<c>{success, err_msg, …}</c>); "not found" is <c>success = false</c>.
/// Invalid filter columns/operators throw <see cref="InvalidQueryException"/>.
/// </remarks>
public interface ITransactionService : IAsyncDisposable
{
    // ---- writes ----

    /// <summary>Checks, records and (if the checks pass) queues a transaction for execution.</summary>
    Task<PublishResult> PublishAsync(TransactionRequest request, CancellationToken cancellationToken);

    /// <summary><see cref="PublishAsync"/> for each request, in order, committed together.</summary>
    Task<IReadOnlyList<PublishResult>> PublishBatchAsync(IReadOnlyList<TransactionRequest> requests, CancellationToken cancellationToken);

    /// <summary>Completes with the receipt of <paramref name="transactionHash"/> as soon as it exists.</summary>
    Task<TransactionReceipt> WaitForReceiptAsync(string transactionHash, CancellationToken cancellationToken);

    // ---- transactions ----

    Task<TransactionResult> GetTransactionAsync(string hash, CancellationToken cancellationToken);

    /// <summary>Filtered transactions; default ordering <c>timestamp DESC</c>.</summary>
    Task<TransactionsResult> GetTransactionsAsync(SearchFilter filter, CancellationToken cancellationToken);

    Task<TransactionsResult> GetPendingTransactionsAsync(CancellationToken cancellationToken);

    /// <summary>Done transactions with <c>fromTimestamp ≤ timestamp ≤ toTimestamp</c> (ms); <c>toTimestamp = 0</c> means now.</summary>
    Task<TransactionsResult> GetCompleteTransactionsAsync(long fromTimestamp, long toTimestamp, CancellationToken cancellationToken);

    Task<TransactionReceiptResult> GetTransactionReceiptAsync(string hash, CancellationToken cancellationToken);

    // ---- metadata ----

    Task<MetadataResult> GetMetadataAsync(string dataKey, string metaContractId, string publicKey, string fieldAlias, string version, CancellationToken cancellationToken);

    /// <summary>The row's newest block and its history (walking <c>previous</c>), as dag-json text.</summary>
    Task<MetadataHistoryResult> GetMetadataWithHistoryAsync(string dataKey, string metaContractId, string publicKey, string fieldAlias, string version, CancellationToken cancellationToken);

    Task<MetadatasResult> GetMetadatasAsync(string dataKey, string version, CancellationToken cancellationToken);

    Task<ulong> GetMetadatasCountAsync(string dataKey, string version, CancellationToken cancellationToken);

    Task<MetadatasResult> GetMetadatasAllVersionAsync(string dataKey, CancellationToken cancellationToken);

    Task<MetadatasResult> GetMetadatasByBlockAsync(string dataKey, string metaContractId, string version, CancellationToken cancellationToken);

    Task<MetadatasResult> GetMetadatasByTokenKeyAsync(string tokenKey, string tokenId, string version, CancellationToken cancellationToken);

    Task<MetadatasResult> SearchMetadatasAsync(SearchFilter filter, CancellationToken cancellationToken);

    Task<ulong> SearchMetadatasCountAsync(SearchFilter filter, CancellationToken cancellationToken);

    // ---- meta contracts and registry ----

    Task<MetaContractLookupResult> GetMetaContractAsync(string tokenKey, CancellationToken cancellationToken);

    Task<MetaContractLookupResult> GetMetaContractByIdAsync(string metaContractId, CancellationToken cancellationToken);

    Task<RegistryResult> GetRegistryByIdAsync(string registryId, CancellationToken cancellationToken);

    // ---- cron ----

    Task<CronsResult> GetActiveCronsAsync(CancellationToken cancellationToken);

    Task<CronsResult> GetAllCronsAsync(CancellationToken cancellationToken);

    Task<CronTxsResult> GetAllCronTxsAsync(CancellationToken cancellationToken);

    Task<CronTxResult> GetCronTxByTxHashAsync(string txHash, string address, string chain, string topic, CancellationToken cancellationToken);

    Task<CronTxsResult> SearchCronTxAsync(string address, string chain, string topic, CancellationToken cancellationToken);

    Task<ulong> GetCronTxLatestBlockAsync(string address, string chain, string topic, CancellationToken cancellationToken);

    Task<ulong> GetCronLatestBlockAsync(string cronHash, CancellationToken cancellationToken);

    /// <summary>
    /// Records a processed mint event of cron <paramref name="cronHash"/> and advances its
    /// <c>last_processed_block</c>. Internal write for the cron follower: do not expose unauthenticated (D14).
    /// </summary>
    Task<CronTxResult> SendCronTxAsync(string cronHash, string data, ulong txBlockNumber, string txHash, string tokenId, CancellationToken cancellationToken);

    /// <summary>Runs the <c>on_mint</c> hook of <paramref name="metaContractId"/> (bound contract or registry id).</summary>
    Task<MetaContractResult> RunOnMintAsync(string metaContractId, string dataKey, string tokenId, string dataHex, CancellationToken cancellationToken);

    /// <summary>Runs the <c>on_post_mint</c> hook of <paramref name="metaContractId"/> (typically registry <c>0x01</c>).</summary>
    Task<MetaContractResult> RunOnPostMintAsync(string metaContractId, IReadOnlyList<FinalMetadata> metadatas, string dataKey, string tokenAddress, string chain, string tokenId, CancellationToken cancellationToken);

    /// <summary>
    /// Reference <c>set_metadata_cron</c>: writes the rows of a successful mint hook under
    /// <paramref name="metaContractId"/> for token <paramref name="tokenId"/> of <paramref name="cron"/>'s collection.
    /// Only creates missing rows (existing rows are returned unchanged); blocks have no previous and transaction <c>{}</c>.
    /// </summary>
    Task<MetadatasResult> SetMetadataCronAsync(string metaContractId, CronRecord cron, string tokenId, MetaContractResult result, CancellationToken cancellationToken);

    /// <summary>The mint hooks of <paramref name="metaContractId"/> (bound contract or registry id), or null when it is neither.</summary>
    Task<MintHooks?> GetMintHooksAsync(string metaContractId, CancellationToken cancellationToken);

    /// <summary>
    /// Several <c>set_metadata_cron</c> calls, in order, then (when <paramref name="record"/> is given)
    /// <c>send_cron_tx</c> for <paramref name="cron"/>, as one write of the ordered executor: the cron follower's
    /// unit for one EVM transaction (or a slice of a large one). Same semantics as the single calls.
    /// </summary>
    Task<CronWriteResult> WriteCronBatchAsync(CronRecord cron, IReadOnlyList<CronMetadataWrite> writes, CronTxWrite? record, CancellationToken cancellationToken);

    // ---- utilities ----

    NodeClock GetNodeClock();

    string GenerateTokenKey(string chainId, string tokenAddress);

    string GenerateDataKey(string chainId, string tokenAddress, string tokenId);

    /// <summary>Decodes an event JSON <c>{to, tokenId, data}</c>; malformed input gives empty fields.</summary>
    DataTypeFork DeserializeFork(string data);

    /// <summary>The DAG block <paramref name="cid"/> from the local block store, as dag-json text.</summary>
    Task<IpfsGetResult> IpfsGetAsync(string cid, CancellationToken cancellationToken);

    /// <summary>The raw dag-cbor bytes of block <paramref name="cid"/>, or null.</summary>
    Task<byte[]?> GetBlockAsync(string cid, CancellationToken cancellationToken);
}
