// SPDX-License-Identifier: Apache-2.0

using Lineage.Core.Multiformats;
using Lineage.Metadata.Contracts;
using Lineage.Metadata.Dag;
using Lineage.Metadata.Keys;
using Lineage.Metadata.Model;
using Lineage.Metadata.Queries;
using Lineage.Metadata.Storage;

namespace Lineage.Metadata.Service;

public sealed partial class TransactionService
{
    private static bool SameKey(string left, string right) => string.Equals(left, right, StringComparison.OrdinalIgnoreCase);

    /// <summary>A registry slot resolved to the contract serving it.</summary>
    private sealed record RegistryTarget(string RegistryId, RegistryEntry Entry, MetaContractBinding Binding);

    private RegistryTarget? ResolveRegistry(ILineageReadSession session, string registryId)
    {
        RegistryEntry? entry = session.GetRegistry(registryId);
        if (entry is null && _options.BuiltInRegistry01 && registryId == NftMetadataContract.RegistryOwner)
        {
            entry = new RegistryEntry { RegistryId = registryId, RegistryName = "nft-metadata", MetaContractId = registryId, PublicKey = registryId };
        }

        if (entry is null)
        {
            return null;
        }

        MetaContractBinding binding = session.GetBindingByContractId(entry.MetaContractId)
            ?? new MetaContractBinding { MetaContractId = entry.MetaContractId, PublicKey = entry.PublicKey };
        return new RegistryTarget(registryId, entry, binding);
    }

    /// <summary>State-dependent publish checks (§8, with the fixes of D2, D7, D8). Null when they pass.</summary>
    private string? CheckState(ILineageReadSession session, PreparedRequest prepared, string previousContent)
    {
        TransactionRequest request = prepared.Request;
        if (prepared.StrictPrevious is not null && prepared.StrictPrevious != previousContent)
        {
            return $"strict signing: lineage_target.previous '{prepared.StrictPrevious}' is not the row's current CID '{previousContent}'";
        }

        switch (request.Method)
        {
            case TransactionMethods.Metadata:
                if (session.GetBindingByContractId(prepared.MetaContractId) is null && ResolveRegistry(session, prepared.MetaContractId) is null)
                {
                    return $"meta contract '{prepared.MetaContractId}' is neither bound nor a registry id";
                }

                return null;
            case TransactionMethods.Contract:
                return CheckContract(session, prepared);
            case TransactionMethods.Clone:
                return CheckClone(session, prepared);
            case TransactionMethods.Cron:
                return CheckCron(session, prepared);
            default:
                return $"invalid method: '{request.Method}'";
        }
    }

    private string? CheckContract(ILineageReadSession session, PreparedRequest prepared)
    {
        ContractData data = prepared.Contract!;
        string publicKey = prepared.Request.PublicKey;
        if (prepared.TokenKey.Length > 0)
        {
            MetaContractBinding? bound = session.GetBindingByTokenKey(prepared.TokenKey);
            if (bound is not null && !SameKey(bound.PublicKey, publicKey))
            {
                return $"invalid owner: the collection's meta contract was bound by {bound.PublicKey}";
            }
        }

        MetaContractBinding? sameId = session.GetBindingByContractId(prepared.MetaContractId);
        if (sameId is not null && !SameKey(sameId.PublicKey, publicKey))
        {
            return $"invalid owner: meta contract '{prepared.MetaContractId}' is bound by {sameId.PublicKey}";
        }

        if (!string.IsNullOrEmpty(data.MigrateFrom))
        {
            MetaContractBinding? from = session.GetBindingByContractId(data.MigrateFrom);
            if (from is not null && !SameKey(from.PublicKey, publicKey))
            {
                return $"invalid owner: cannot migrate from '{data.MigrateFrom}', bound by {from.PublicKey}";
            }
        }

        if (data.IsRegistry && !string.IsNullOrEmpty(data.RegistryId))
        {
            if (_options.BuiltInRegistry01 && data.RegistryId == NftMetadataContract.RegistryOwner)
            {
                return $"registry id '{data.RegistryId}' is reserved for the built-in NFT metadata registry";
            }

            RegistryEntry? existing = session.GetRegistry(data.RegistryId);
            if (existing is not null && !SameKey(existing.PublicKey, publicKey))
            {
                return $"invalid owner: registry '{data.RegistryId}' belongs to {existing.PublicKey}";
            }
        }

        return null;
    }

    private static string? CheckClone(ILineageReadSession session, PreparedRequest prepared)
    {
        CloneData data = prepared.CloneOrigin!;
        string originHash = LineageKeys.MetadataHash(data.OriginDataKey ?? string.Empty, data.OriginMetaContractId ?? string.Empty,
            data.OriginAlias ?? string.Empty, data.OriginPublicKey ?? string.Empty, data.OriginVersion ?? string.Empty);
        if (session.GetMetadata(originHash) is null)
        {
            return "clone: the origin metadata does not exist";
        }

        string targetHash = LineageKeys.MetadataHash(prepared.DataKey, data.OriginMetaContractId ?? string.Empty,
            data.OriginAlias ?? string.Empty, data.OriginPublicKey ?? string.Empty, data.OriginVersion ?? string.Empty);
        return session.GetMetadata(targetHash) is null ? null : $"clone: record found: the target already exists under data_key {prepared.DataKey}";
    }

    private static string? CheckCron(ILineageReadSession session, PreparedRequest prepared)
    {
        CronData data = prepared.Cron!;
        if (data.Action == CronActions.Create)
        {
            if (string.IsNullOrEmpty(data.Address) || string.IsNullOrEmpty(data.Chain) || string.IsNullOrEmpty(data.Topic) || string.IsNullOrEmpty(data.TokenType))
            {
                return "cron: create needs address, chain, topic and token_type";
            }

            return session.GetCron(LineageKeys.CronHash(data.Chain, data.Address, data.Topic)) is null
                ? null
                : $"cron: record found: {data.Address} {data.Chain} {data.Topic}";
        }

        if (data.Action is not (CronActions.Update or CronActions.UpdateStatus))
        {
            return $"cron: invalid action '{data.Action}' (expected create, update or update_status)";
        }

        if (string.IsNullOrEmpty(data.Hash) || data.Status is not (CronActions.StatusEnabled or CronActions.StatusDisabled))
        {
            return "cron: update actions need hash and status 0 or 1";
        }

        CronRecord? cron = session.GetCron(data.Hash);
        if (cron is null)
        {
            return $"cron: record not found: {data.Hash}";
        }

        return SameKey(cron.PublicKey, prepared.Request.PublicKey) ? null : $"invalid owner: only {cron.PublicKey} may update this cron";
    }

    /// <summary>Executes an accepted transaction and writes its receipt; failures roll back its effects.</summary>
    private async ValueTask ExecuteAsync(ILineageWriteSession session, Transaction transaction, CancellationToken cancellationToken)
    {
        string? error;
        string data = string.Empty;
        session.Savepoint("execute");
        try
        {
            (error, data) = transaction.Method switch
            {
                TransactionMethods.Metadata => (await ExecuteMetadataAsync(session, transaction, cancellationToken).ConfigureAwait(false), string.Empty),
                TransactionMethods.Contract => (ExecuteContract(session, transaction), string.Empty),
                TransactionMethods.Clone => (await ExecuteCloneAsync(session, transaction, cancellationToken).ConfigureAwait(false), transaction.Data),
                TransactionMethods.Cron => ExecuteCron(session, transaction),
                _ => ($"invalid method: '{transaction.Method}'", string.Empty),
            };
        }
        catch (FormatException ex)
        {
            error = "invalid content: " + ex.Message;
        }
#pragma warning disable CA1031 // A contract or storage fault fails this transaction only; its receipt says so.
        catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
        {
            Log.ExecutionCrashed(_logger, ex, transaction.Hash);
            error = "internal error: " + ex.Message;
        }

        if (error is not null)
        {
            session.RollbackToSavepoint("execute");
        }

        session.ReleaseSavepoint("execute");
        long status = error is null ? TransactionStatus.Done : TransactionStatus.Failed;
        session.SetTransactionStatus(transaction.Hash, status);
        RecordReceipt(session, new TransactionReceipt
        {
            Hash = transaction.Hash,
            MetaContractId = transaction.MetaContractId,
            Status = error is null ? ReceiptStatus.Success : ReceiptStatus.Failed,
            Timestamp = Now(),
            ErrorText = error ?? string.Empty,
            Data = error is null ? data : string.Empty,
        });
        Log.Executed(_logger, transaction.Hash, status, error ?? string.Empty);
    }

    private async ValueTask<string?> ExecuteMetadataAsync(ILineageWriteSession session, Transaction transaction, CancellationToken cancellationToken)
    {
        MetaContractBinding? binding = session.GetBindingByContractId(transaction.MetaContractId);
        if (binding is not null)
        {
            IMetaContract? contract = _resolver.Resolve(binding, registryId: null);
            if (contract is null)
            {
                return $"no implementation for meta contract '{binding.MetaContractId}'";
            }

            IReadOnlyList<MetadataRecord> rows = session.SearchMetadatas(ValidatedSearch.Where(("data_key", transaction.DataKey), ("version", transaction.Version)));
            MetaContractResult result = await contract.OnExecuteAsync(binding, rows, transaction, cancellationToken).ConfigureAwait(false);
            string? error = ApplyResult(session, transaction, transaction.MetaContractId, result, [transaction.PublicKey, transaction.MetaContractId, binding.PublicKey]);
            if (error is not null)
            {
                return error;
            }

            // A contract not bound to a collection ("block contract"): the collection's main contract also runs.
            if (binding.TokenKey.Length == 0 && transaction.TokenKey.Length > 0)
            {
                MetaContractBinding? main = session.GetBindingByTokenKey(transaction.TokenKey);
                if (main is not null && main.MetaContractId != binding.MetaContractId)
                {
                    IMetaContract? mainContract = _resolver.Resolve(main, registryId: null);
                    if (mainContract is null)
                    {
                        return $"no implementation for meta contract '{main.MetaContractId}'";
                    }

                    IReadOnlyList<MetadataRecord> allVersions = session.SearchMetadatas(ValidatedSearch.Where(("data_key", transaction.DataKey)));
                    MetaContractResult mainResult = await mainContract.OnExecuteAsync(main, allVersions, transaction, cancellationToken).ConfigureAwait(false);
                    return ApplyResult(session, transaction, main.MetaContractId, mainResult, [transaction.PublicKey, main.MetaContractId, main.PublicKey]);
                }
            }

            return null;
        }

        RegistryTarget? registry = ResolveRegistry(session, transaction.MetaContractId);
        if (registry is null)
        {
            return $"meta contract '{transaction.MetaContractId}' is neither bound nor a registry id";
        }

        IMetaContract? registryContract = _resolver.Resolve(registry.Binding, registry.RegistryId);
        if (registryContract is null)
        {
            return $"no implementation for registry '{registry.RegistryId}'";
        }

        IReadOnlyList<MetadataRecord> current = session.SearchMetadatas(ValidatedSearch.Where(("data_key", transaction.DataKey), ("version", transaction.Version)));
        MetaContractResult registryResult = await registryContract.OnExecuteAsync(registry.Binding, current, transaction, cancellationToken).ConfigureAwait(false);
        return ApplyResult(session, transaction, registry.RegistryId, registryResult, [transaction.PublicKey, registry.RegistryId, registry.Entry.PublicKey]);
    }

    /// <summary>Reference <c>set_metadata</c>: writes a contract's rows under <paramref name="storageContractId"/>.</summary>
    private string? ApplyResult(ILineageWriteSession session, Transaction transaction, string storageContractId, MetaContractResult result, string[] allowedOwners)
    {
        if (result is null || !result.Result)
        {
            string reason = result?.ErrorString ?? string.Empty;
            return reason.Length > 0 ? reason : "Metadata not updateable";
        }

        long loose = DefaultMetaContract.ReadLoose(transaction.Mcdata);
        long timestamp = Now();
        var blockTransaction = new BlockTransaction(transaction.Hash, transaction.Timestamp, transaction.MetaContractId, transaction.Method, string.Empty);
        foreach (FinalMetadata final in result.Metadatas ?? [])
        {
            string owner = final.PublicKey ?? string.Empty;
            if (_options.RestrictContractOwners && !allowedOwners.Any(allowed => SameKey(allowed, owner)))
            {
                return $"meta contract emitted a row for owner '{owner}', which it may not write (allowed: {string.Join(", ", allowedOwners.Distinct())})";
            }

            string alias = final.Alias ?? string.Empty;
            string version = final.Version ?? string.Empty;
            string hash = LineageKeys.MetadataHash(transaction.DataKey, storageContractId, alias, owner, version);
            MetadataRecord? row = session.GetMetadata(hash);
            Cid? previous = row is not null && Cid.TryParse(row.Cid, out Cid? parsed, out _) ? parsed : null;
            (Cid cid, byte[] bytes) = DagBlock.Encode(timestamp, final.Content ?? string.Empty, previous, blockTransaction);
            string cidText = cid.ToString();
            session.PutBlock(cidText, bytes);
            session.PutMetadata(row is not null
                ? row with { Cid = cidText }
                : new MetadataRecord
                {
                    Hash = hash,
                    TokenKey = transaction.TokenKey,
                    DataKey = transaction.DataKey,
                    MetaContractId = storageContractId,
                    TokenId = transaction.TokenId,
                    Alias = alias,
                    Cid = cidText,
                    PublicKey = owner,
                    Version = version,
                    Loose = loose,
                });
        }

        return null;
    }

    /// <summary>Reference <c>bind_meta_contract</c>: bind or rebind, migrate, registry.</summary>
    private string? ExecuteContract(ILineageWriteSession session, Transaction transaction)
    {
        ContractData? data = System.Text.Json.JsonSerializer.Deserialize(transaction.Data, LineageJsonContext.Default.ContractData);
        if (data is null)
        {
            return "invalid data format for the method";
        }

        var prepared = new PreparedRequest(new TransactionRequest { PublicKey = transaction.PublicKey, Method = transaction.Method },
            transaction.MetaContractId, transaction.TokenKey, transaction.DataKey, null, data, null, null, null);
        string? error = CheckContract(session, prepared);
        if (error is not null)
        {
            return error;
        }

        string contractId = transaction.MetaContractId;
        MetaContractBinding? existing = session.GetBindingByContractId(contractId);
        if (existing is not null)
        {
            session.DeleteBinding(existing.Hash);
        }

        session.PutBinding(new MetaContractBinding
        {
            Hash = LineageKeys.BindingHash(transaction.TokenKey, contractId, transaction.PublicKey),
            TokenKey = transaction.TokenKey,
            MetaContractId = contractId,
            PublicKey = transaction.PublicKey,
            Cid = existing?.Cid ?? string.Empty,
        });

        if (!string.IsNullOrEmpty(data.MigrateFrom) && data.MigrateFrom != contractId && session.GetBindingByContractId(data.MigrateFrom) is not null)
        {
            foreach (MetadataRecord row in session.SearchMetadatas(ValidatedSearch.Where(("meta_contract_id", data.MigrateFrom))))
            {
                session.DeleteMetadata(row.Hash);
                session.PutMetadata(row with
                {
                    MetaContractId = contractId,
                    Hash = LineageKeys.MetadataHash(row.DataKey, contractId, row.Alias, row.PublicKey, row.Version),
                });
            }
        }

        if (data.IsRegistry && !string.IsNullOrEmpty(data.RegistryId))
        {
            session.PutRegistry(new RegistryEntry
            {
                RegistryId = data.RegistryId,
                RegistryName = data.RegistryName ?? string.Empty,
                MetaContractId = contractId,
                PublicKey = transaction.PublicKey,
            });
        }

        return null;
    }

    /// <summary>Clone (never dispatched by the reference, D12): copy the origin's latest content if its contract allows.</summary>
    private async ValueTask<string?> ExecuteCloneAsync(ILineageWriteSession session, Transaction transaction, CancellationToken cancellationToken)
    {
        CloneData? data = System.Text.Json.JsonSerializer.Deserialize(transaction.Data, LineageJsonContext.Default.CloneData);
        if (data is null)
        {
            return "invalid data format for the method";
        }

        var prepared = new PreparedRequest(new TransactionRequest { PublicKey = transaction.PublicKey, Method = transaction.Method },
            transaction.MetaContractId, transaction.TokenKey, transaction.DataKey, null, null, data, null, null);
        string? error = CheckClone(session, prepared);
        if (error is not null)
        {
            return error;
        }

        string originContractId = data.OriginMetaContractId ?? string.Empty;
        string alias = data.OriginAlias ?? string.Empty;
        string owner = data.OriginPublicKey ?? string.Empty;
        string version = data.OriginVersion ?? string.Empty;
        MetadataRecord origin = session.GetMetadata(LineageKeys.MetadataHash(data.OriginDataKey ?? string.Empty, originContractId, alias, owner, version))!;

        IMetaContract? contract;
        MetaContractBinding? binding = session.GetBindingByContractId(originContractId);
        if (binding is not null)
        {
            contract = _resolver.Resolve(binding, registryId: null);
        }
        else
        {
            RegistryTarget? registry = ResolveRegistry(session, originContractId);
            contract = registry is null ? null : _resolver.Resolve(registry.Binding, registry.RegistryId);
        }

        if (contract is null)
        {
            return $"clone: no meta contract governs '{originContractId}'";
        }

        if (!await contract.OnCloneAsync(cancellationToken).ConfigureAwait(false))
        {
            return $"clone: meta contract '{originContractId}' does not allow cloning";
        }

        byte[]? originBlock = session.GetBlock(origin.Cid);
        byte[]? content = originBlock is null ? null : DagBlock.ReadEncodedContent(originBlock);
        if (content is null)
        {
            return $"clone: the origin block {origin.Cid} is missing";
        }

        var blockTransaction = new BlockTransaction(transaction.Hash, transaction.Timestamp, transaction.MetaContractId, transaction.Method, transaction.Data);
        (Cid cid, byte[] bytes) = DagBlock.EncodeWithEncodedContent(Now(), content, previous: null, blockTransaction);
        string cidText = cid.ToString();
        session.PutBlock(cidText, bytes);
        session.PutMetadata(new MetadataRecord
        {
            Hash = LineageKeys.MetadataHash(transaction.DataKey, originContractId, alias, owner, version),
            TokenKey = transaction.TokenKey,
            DataKey = transaction.DataKey,
            MetaContractId = originContractId,
            TokenId = transaction.TokenId,
            Alias = alias,
            Cid = cidText,
            PublicKey = owner,
            Version = version,
            Loose = origin.Loose,
        });
        return null;
    }

    /// <summary>Reference <c>set_cron</c>: create, update or update_status; only the creator may update.</summary>
    private static (string? Error, string Data) ExecuteCron(ILineageWriteSession session, Transaction transaction)
    {
        CronData? data = System.Text.Json.JsonSerializer.Deserialize(transaction.Data, LineageJsonContext.Default.CronData);
        if (data is null)
        {
            return ("invalid data format for the method", string.Empty);
        }

        var prepared = new PreparedRequest(new TransactionRequest { PublicKey = transaction.PublicKey, Method = transaction.Method },
            transaction.MetaContractId, transaction.TokenKey, transaction.DataKey, null, null, null, data, null);
        string? error = CheckCron(session, prepared);
        if (error is not null)
        {
            return (error, string.Empty);
        }

        if (data.Action == CronActions.Create)
        {
            string hash = LineageKeys.CronHash(data.Chain, data.Address, data.Topic);
            session.PutCron(new CronRecord
            {
                Hash = hash,
                TokenKey = LineageKeys.TokenKey(data.Chain, data.Address),
                Address = data.Address,
                TokenType = data.TokenType,
                Chain = data.Chain,
                Topic = data.Topic,
                Status = CronActions.StatusEnabled,
                MetaContractId = transaction.MetaContractId,
                NodeUrl = data.NodeUrl ?? string.Empty,
                LastProcessedBlock = 0,
                PublicKey = transaction.PublicKey,
                AbiUrl = data.AbiUrl ?? string.Empty,
            });
            return (null, hash);
        }

        CronRecord cron = session.GetCron(data.Hash)!;
        session.PutCron(data.Action == CronActions.UpdateStatus
            ? cron with { Status = data.Status }
            : cron with
            {
                MetaContractId = transaction.MetaContractId.Length > 0 ? transaction.MetaContractId : cron.MetaContractId,
                NodeUrl = string.IsNullOrEmpty(data.NodeUrl) ? cron.NodeUrl : data.NodeUrl,
                AbiUrl = string.IsNullOrEmpty(data.AbiUrl) ? cron.AbiUrl : data.AbiUrl,
                Status = data.Status,
            });
        return (null, cron.Hash);
    }
}
