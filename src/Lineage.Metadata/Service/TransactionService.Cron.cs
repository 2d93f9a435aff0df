// SPDX-License-Identifier: Apache-2.0

using Lineage.Core.Multiformats;
using Lineage.Metadata.Contracts;
using Lineage.Metadata.Dag;
using Lineage.Metadata.Keys;
using Lineage.Metadata.Model;
using Lineage.Metadata.Storage;

namespace Lineage.Metadata.Service;

public sealed partial class TransactionService
{
    public Task<CronsResult> GetActiveCronsAsync(CancellationToken cancellationToken) =>
        Task.FromResult(Read(session => new CronsResult { Success = true, Crons = session.GetCrons(enabledOnly: true) }, cancellationToken));

    public Task<CronsResult> GetAllCronsAsync(CancellationToken cancellationToken) =>
        Task.FromResult(Read(session => new CronsResult { Success = true, Crons = session.GetCrons(enabledOnly: false) }, cancellationToken));

    public Task<CronTxsResult> GetAllCronTxsAsync(CancellationToken cancellationToken) =>
        Task.FromResult(Read(session => new CronTxsResult { Success = true, CronTxs = session.SearchCronTxs(null, null, null) }, cancellationToken));

    public Task<CronTxResult> GetCronTxByTxHashAsync(string txHash, string address, string chain, string topic, CancellationToken cancellationToken) =>
        Task.FromResult(Read(session =>
        {
            CronTxRecord? cronTx = session.GetCronTx(txHash ?? string.Empty, address ?? string.Empty, chain ?? string.Empty, topic ?? string.Empty);
            return cronTx is null
                ? new CronTxResult { Success = false, ErrMsg = NotFound("cron_tx", txHash ?? string.Empty) }
                : new CronTxResult { Success = true, CronTx = cronTx };
        }, cancellationToken));

    public Task<CronTxsResult> SearchCronTxAsync(string address, string chain, string topic, CancellationToken cancellationToken) =>
        Task.FromResult(Read(session => new CronTxsResult { Success = true, CronTxs = session.SearchCronTxs(address ?? string.Empty, chain ?? string.Empty, topic ?? string.Empty) }, cancellationToken));

    public Task<ulong> GetCronTxLatestBlockAsync(string address, string chain, string topic, CancellationToken cancellationToken) =>
        Task.FromResult(Read(session =>
        {
            IReadOnlyList<CronTxRecord> txs = session.SearchCronTxs(address ?? string.Empty, chain ?? string.Empty, topic ?? string.Empty);
            return txs.Count == 0 ? 0UL : (ulong)txs.Max(t => t.TxBlockNumber);
        }, cancellationToken));

    public Task<ulong> GetCronLatestBlockAsync(string cronHash, CancellationToken cancellationToken) =>
        Task.FromResult(Read(session => (ulong)(session.GetCron(cronHash ?? string.Empty)?.LastProcessedBlock ?? 0), cancellationToken));

    public Task<CronTxResult> SendCronTxAsync(string cronHash, string data, ulong txBlockNumber, string txHash, string tokenId, CancellationToken cancellationToken) =>
        EnqueueAsync((session, _) => ValueTask.FromResult(SendCronTx(session, cronHash ?? string.Empty, new CronTxWrite(
            data ?? string.Empty, txBlockNumber, txHash ?? string.Empty, tokenId ?? string.Empty))), cancellationToken);

    private CronTxResult SendCronTx(ILineageWriteSession session, string cronHash, CronTxWrite record)
    {
        CronRecord? cron = session.GetCron(cronHash);
        if (cron is null)
        {
            return new CronTxResult { Success = false, ErrMsg = NotFound("cron", cronHash) };
        }

        CronTxRecord? existing = session.GetCronTx(record.TxHash, cron.Address, cron.Chain, cron.Topic);
        if (existing is not null && existing.Status != CronActions.TxFailed)
        {
            return new CronTxResult { Success = true, CronTx = existing };
        }

        var cronTx = new CronTxRecord
        {
            Hash = LineageKeys.CronTxHash(cron.Address, cron.Topic, cron.TokenType, cron.Chain, record.TxBlockNumber, record.TxHash, record.TokenId),
            Address = cron.Address,
            TokenType = cron.TokenType,
            Chain = cron.Chain,
            Topic = cron.Topic,
            MetaContractId = cron.MetaContractId,
            Timestamp = Now(),
            TxBlockNumber = (long)record.TxBlockNumber,
            TxHash = record.TxHash,
            Status = CronActions.TxSuccess,
            Data = record.Data,
            TokenId = record.TokenId,
            DataKey = LineageKeys.DataKey(cron.Chain, cron.Address, record.TokenId),
            TokenKey = cron.TokenKey,
        };
        session.PutCronTx(cronTx);
        if ((long)record.TxBlockNumber > cron.LastProcessedBlock)
        {
            session.PutCron(cron with { LastProcessedBlock = (long)record.TxBlockNumber });
        }

        return new CronTxResult { Success = true, CronTx = cronTx };
    }

    private (IMetaContract? Contract, MetaContractBinding? Binding, string? RegistryId) ResolveContract(ILineageReadSession session, string metaContractId)
    {
        MetaContractBinding? binding = session.GetBindingByContractId(metaContractId);
        if (binding is not null)
        {
            return (_resolver.Resolve(binding, registryId: null), binding, null);
        }

        RegistryTarget? registry = ResolveRegistry(session, metaContractId);
        return registry is null ? (null, null, null) : (_resolver.Resolve(registry.Binding, registry.RegistryId), registry.Binding, registry.RegistryId);
    }

    public Task<MintHooks?> GetMintHooksAsync(string metaContractId, CancellationToken cancellationToken)
    {
        string id = metaContractId ?? string.Empty;
        var (contract, binding, _) = Read(session => ResolveContract(session, id), cancellationToken);
        return Task.FromResult(contract is null || binding is null ? null : new MintHooks(id, contract, binding));
    }

    private static MetaContractResult Unresolved(string? metaContractId) =>
        MetaContractResult.Reject($"meta contract '{metaContractId}' is neither bound nor a registry id");

    public async Task<MetaContractResult> RunOnMintAsync(string metaContractId, string dataKey, string tokenId, string dataHex, CancellationToken cancellationToken)
    {
        MintHooks? hooks = await GetMintHooksAsync(metaContractId, cancellationToken).ConfigureAwait(false);
        return hooks is null
            ? Unresolved(metaContractId)
            : await hooks.OnMintAsync(dataKey, tokenId, dataHex, cancellationToken).ConfigureAwait(false);
    }

    public async Task<MetaContractResult> RunOnPostMintAsync(string metaContractId, IReadOnlyList<FinalMetadata> metadatas, string dataKey, string tokenAddress, string chain, string tokenId, CancellationToken cancellationToken)
    {
        MintHooks? hooks = await GetMintHooksAsync(metaContractId, cancellationToken).ConfigureAwait(false);
        return hooks is null
            ? Unresolved(metaContractId)
            : await hooks.OnPostMintAsync(metadatas, dataKey, tokenAddress, chain, tokenId, cancellationToken).ConfigureAwait(false);
    }

    public Task<MetadatasResult> SetMetadataCronAsync(string metaContractId, CronRecord cron, string tokenId, MetaContractResult result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cron);
        ArgumentNullException.ThrowIfNull(result);
        var write = new CronMetadataWrite(metaContractId ?? string.Empty, tokenId ?? string.Empty, result);
        return EnqueueAsync((session, _) => ValueTask.FromResult(SetMetadataCron(session, cron, write)), cancellationToken);
    }

    public Task<CronWriteResult> WriteCronBatchAsync(CronRecord cron, IReadOnlyList<CronMetadataWrite> writes, CronTxWrite? record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cron);
        ArgumentNullException.ThrowIfNull(writes);
        return EnqueueAsync((session, _) =>
        {
            var results = new MetadatasResult[writes.Count];
            for (int i = 0; i < writes.Count; i++)
            {
                results[i] = SetMetadataCron(session, cron, writes[i]);
            }

            CronTxResult? recorded = record is null ? null : SendCronTx(session, cron.Hash, record);
            return ValueTask.FromResult(new CronWriteResult(results, recorded));
        }, cancellationToken);
    }

    private MetadatasResult SetMetadataCron(ILineageWriteSession session, CronRecord cron, CronMetadataWrite write)
    {
        MetaContractResult result = write.Result;
        if (!result.Result)
        {
            return new MetadatasResult { Success = false, ErrMsg = result.ErrorString.Length > 0 ? result.ErrorString : "Metadata not updateable" };
        }

        string contractId = write.MetaContractId ?? string.Empty;
        string tokenId = write.TokenId ?? string.Empty;
        string dataKey = LineageKeys.DataKey(cron.Chain, cron.Address, tokenId);
        var rows = new List<MetadataRecord>();
        foreach (FinalMetadata final in result.Metadatas ?? [])
        {
            string alias = final.Alias ?? string.Empty;
            string owner = final.PublicKey ?? string.Empty;
            string version = final.Version ?? string.Empty;
            string hash = LineageKeys.MetadataHash(dataKey, contractId, alias, owner, version);
            MetadataRecord? existing = session.GetMetadata(hash);
            if (existing is not null)
            {
                rows.Add(existing);
                continue;
            }

            (Cid cid, byte[] bytes) = DagBlock.Encode(Now(), final.Content ?? string.Empty, previous: null, transaction: null);
            string cidText = cid.ToString();
            session.PutBlock(cidText, bytes);
            var row = new MetadataRecord
            {
                Hash = hash,
                TokenKey = cron.TokenKey,
                DataKey = dataKey,
                MetaContractId = contractId,
                TokenId = tokenId,
                Alias = alias,
                Cid = cidText,
                PublicKey = owner,
                Version = version,
                Loose = final.Loose == 0 ? 0 : 1,
            };
            session.PutMetadata(row);
            rows.Add(row);
        }

        return new MetadatasResult { Success = true, Metadatas = rows };
    }
}
