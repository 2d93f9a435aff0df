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
        EnqueueAsync((session, _) =>
        {
            CronRecord? cron = session.GetCron(cronHash ?? string.Empty);
            if (cron is null)
            {
                return ValueTask.FromResult(new CronTxResult { Success = false, ErrMsg = NotFound("cron", cronHash ?? string.Empty) });
            }

            CronTxRecord? existing = session.GetCronTx(txHash ?? string.Empty, cron.Address, cron.Chain, cron.Topic);
            if (existing is not null && existing.Status != CronActions.TxFailed)
            {
                return ValueTask.FromResult(new CronTxResult { Success = true, CronTx = existing });
            }

            var cronTx = new CronTxRecord
            {
                Hash = LineageKeys.CronTxHash(cron.Address, cron.Topic, cron.TokenType, cron.Chain, txBlockNumber, txHash ?? string.Empty, tokenId ?? string.Empty),
                Address = cron.Address,
                TokenType = cron.TokenType,
                Chain = cron.Chain,
                Topic = cron.Topic,
                MetaContractId = cron.MetaContractId,
                Timestamp = Now(),
                TxBlockNumber = (long)txBlockNumber,
                TxHash = txHash ?? string.Empty,
                Status = CronActions.TxSuccess,
                Data = data ?? string.Empty,
                TokenId = tokenId ?? string.Empty,
                DataKey = LineageKeys.DataKey(cron.Chain, cron.Address, tokenId ?? string.Empty),
                TokenKey = cron.TokenKey,
            };
            session.PutCronTx(cronTx);
            if ((long)txBlockNumber > cron.LastProcessedBlock)
            {
                session.PutCron(cron with { LastProcessedBlock = (long)txBlockNumber });
            }

            return ValueTask.FromResult(new CronTxResult { Success = true, CronTx = cronTx });
        }, cancellationToken);

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

    public async Task<MetaContractResult> RunOnMintAsync(string metaContractId, string dataKey, string tokenId, string dataHex, CancellationToken cancellationToken)
    {
        var (contract, binding, _) = Read(session => ResolveContract(session, metaContractId ?? string.Empty), cancellationToken);
        if (contract is null || binding is null)
        {
            return MetaContractResult.Reject($"meta contract '{metaContractId}' is neither bound nor a registry id");
        }

        return await contract.OnMintAsync(binding, dataKey ?? string.Empty, tokenId ?? string.Empty, dataHex ?? string.Empty, cancellationToken).ConfigureAwait(false);
    }

    public async Task<MetaContractResult> RunOnPostMintAsync(string metaContractId, IReadOnlyList<FinalMetadata> metadatas, string dataKey, string tokenAddress, string chain, string tokenId, CancellationToken cancellationToken)
    {
        var (contract, binding, _) = Read(session => ResolveContract(session, metaContractId ?? string.Empty), cancellationToken);
        if (contract is null || binding is null)
        {
            return MetaContractResult.Reject($"meta contract '{metaContractId}' is neither bound nor a registry id");
        }

        return await contract.OnPostMintAsync(metadatas ?? [], binding, dataKey ?? string.Empty, tokenAddress ?? string.Empty, chain ?? string.Empty, tokenId ?? string.Empty, cancellationToken).ConfigureAwait(false);
    }

    public Task<MetadatasResult> SetMetadataCronAsync(string metaContractId, CronRecord cron, string tokenId, MetaContractResult result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cron);
        ArgumentNullException.ThrowIfNull(result);
        return EnqueueAsync((session, _) =>
        {
            if (!result.Result)
            {
                return ValueTask.FromResult(new MetadatasResult { Success = false, ErrMsg = result.ErrorString.Length > 0 ? result.ErrorString : "Metadata not updateable" });
            }

            string contractId = metaContractId ?? string.Empty;
            string dataKey = LineageKeys.DataKey(cron.Chain, cron.Address, tokenId ?? string.Empty);
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
                session.PutBlock(cid.ToString(), bytes);
                var row = new MetadataRecord
                {
                    Hash = hash,
                    TokenKey = cron.TokenKey,
                    DataKey = dataKey,
                    MetaContractId = contractId,
                    TokenId = tokenId ?? string.Empty,
                    Alias = alias,
                    Cid = cid.ToString(),
                    PublicKey = owner,
                    Version = version,
                    Loose = final.Loose == 0 ? 0 : 1,
                };
                session.PutMetadata(row);
                rows.Add(row);
            }

            return ValueTask.FromResult(new MetadatasResult { Success = true, Metadatas = rows });
        }, cancellationToken);
    }
}
