// SPDX-License-Identifier: Apache-2.0

using Lineage.Metadata.Model;
using Lineage.Metadata.Service;

namespace Lineage.Metadata.Cron;

/// <summary>
/// The reference's per-event path (lineage-protocol.md §14 steps 3–9), against the domain facade only:
/// data_key → <c>on_mint</c> of the cron's contract → (registry <c>0x01</c> present) <c>on_post_mint</c> and
/// <c>set_metadata_cron("0x01")</c>, else <c>set_metadata_cron(cron contract)</c> → the collection's main contract
/// <c>on_mint</c> + <c>set_metadata_cron</c> → <c>send_cron_tx</c>. <c>set_metadata_cron</c> creates only
/// missing rows, so running an event again never duplicates rows or blocks.
/// </summary>
/// <remarks>
/// The unit of work is one EVM transaction (the dedup key is (tx_hash, address, chain, topic)): all its Minted logs
/// are processed, then the transaction is recorded once. A batch mint of N tokens is therefore N events, one record.
/// </remarks>
internal sealed class MintEventProcessor
{
    private const string Registry01 = "0x01";
    private readonly ITransactionService _service;
    private readonly CronRecord _cron;
    private readonly int _parallelism;

    public MintEventProcessor(ITransactionService service, CronRecord cron, int parallelism)
    {
        _service = service;
        _cron = cron;
        _parallelism = Math.Max(1, parallelism);
    }

    /// <summary>Events handled whose hook rejected the mint (no rows written, as the reference).</summary>
    public long Rejected => Interlocked.Read(ref _rejected);

    /// <summary>The last rejection reason.</summary>
    public string LastRejection { get; private set; } = string.Empty;

    private long _rejected;

    /// <summary>True when the transaction was recorded before (dedup).</summary>
    public async Task<bool> IsRecordedAsync(string transactionHash, CancellationToken cancellationToken)
    {
        CronTxResult existing = await _service.GetCronTxByTxHashAsync(transactionHash, _cron.Address, _cron.Chain, _cron.Topic, cancellationToken)
            .ConfigureAwait(false);
        return existing.Success && existing.CronTx is { Status: CronActions.TxSuccess };
    }

    /// <summary>
    /// Processes decoded events grouped by transaction; returns per transaction whether it was recorded or must be
    /// retried (with the error). Decoding failures are the caller's: only well-formed events reach here.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, (MintOutcome Outcome, string Error)>> ProcessAsync(
        IReadOnlyList<DecodedMint> events, CancellationToken cancellationToken)
    {
        var outcomes = new Dictionary<string, (MintOutcome, string)>(StringComparer.Ordinal);
        var todo = new List<DecodedMint>(events.Count);
        foreach (IGrouping<string, DecodedMint> transaction in events.GroupBy(e => e.Log.TransactionHash, StringComparer.Ordinal))
        {
            if (await IsRecordedAsync(transaction.Key, cancellationToken).ConfigureAwait(false))
            {
                outcomes[transaction.Key] = (MintOutcome.Duplicate, string.Empty);
            }
            else
            {
                todo.AddRange(transaction);
            }
        }

        if (todo.Count == 0)
        {
            return outcomes;
        }

        ContractContext context = await LoadContextAsync(cancellationToken).ConfigureAwait(false);
        var failures = new System.Collections.Concurrent.ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(
            todo,
            new ParallelOptions { MaxDegreeOfParallelism = _parallelism, CancellationToken = cancellationToken },
            async (mint, ct) =>
            {
                if (failures.ContainsKey(mint.Log.TransactionHash))
                {
                    return;
                }

                try
                {
                    await ProcessTokenAsync(context, mint, ct).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    failures.TryAdd(mint.Log.TransactionHash, $"token {mint.Event.TokenId}: {e.GetType().Name}: {e.Message}");
                }
            }).ConfigureAwait(false);

        foreach (IGrouping<string, DecodedMint> transaction in todo.GroupBy(e => e.Log.TransactionHash, StringComparer.Ordinal))
        {
            if (failures.TryGetValue(transaction.Key, out string? error))
            {
                outcomes[transaction.Key] = (MintOutcome.Retry, error);
                continue;
            }

            DecodedMint first = transaction.First();
            try
            {
                CronTxResult recorded = await _service.SendCronTxAsync(
                    _cron.Hash,
                    "0x" + Convert.ToHexStringLower(first.Log.Data.Span),
                    first.Log.BlockNumber,
                    first.Log.TransactionHash,
                    first.Event.TokenId,
                    cancellationToken).ConfigureAwait(false);
                outcomes[transaction.Key] = recorded.Success
                    ? (MintOutcome.Recorded, string.Empty)
                    : (MintOutcome.Retry, $"send_cron_tx: {recorded.ErrMsg}");
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                outcomes[transaction.Key] = (MintOutcome.Retry, $"send_cron_tx: {e.GetType().Name}: {e.Message}");
            }
        }

        return outcomes;
    }

    private async Task<ContractContext> LoadContextAsync(CancellationToken cancellationToken)
    {
        RegistryResult registry = await _service.GetRegistryByIdAsync(Registry01, cancellationToken).ConfigureAwait(false);
        MetaContractLookupResult main = await _service.GetMetaContractAsync(_cron.TokenKey, cancellationToken).ConfigureAwait(false);
        return new ContractContext(registry.Success, main.Success && main.Meta is not null ? main.Meta.MetaContractId : null);
    }

    private async Task ProcessTokenAsync(ContractContext context, DecodedMint mint, CancellationToken cancellationToken)
    {
        string tokenId = mint.Event.TokenId;
        string dataKey = _service.GenerateDataKey(_cron.Chain, _cron.Address, tokenId);
        string payloadHex = mint.Data.PayloadHex;

        MetaContractResult onMint = await _service.RunOnMintAsync(_cron.MetaContractId, dataKey, tokenId, payloadHex, cancellationToken)
            .ConfigureAwait(false);
        string storedUnder;
        MetadatasResult stored;
        if (onMint.Result && context.Registry01Exists)
        {
            MetaContractResult postMint = await _service.RunOnPostMintAsync(
                Registry01, onMint.Metadatas, dataKey, _cron.Address, _cron.Chain, tokenId, cancellationToken).ConfigureAwait(false);
            storedUnder = Registry01;
            stored = await _service.SetMetadataCronAsync(Registry01, _cron, tokenId, postMint, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            storedUnder = _cron.MetaContractId;
            stored = await _service.SetMetadataCronAsync(_cron.MetaContractId, _cron, tokenId, onMint, cancellationToken).ConfigureAwait(false);
        }

        NoteRejection(stored);

        // The collection's main contract runs too, unless it is the very contract whose rows were just written
        // (running it again would only find every row present).
        if (context.MainContractId is { } main && !string.Equals(main, storedUnder, StringComparison.Ordinal))
        {
            MetaContractResult mainMint = await _service.RunOnMintAsync(main, dataKey, tokenId, payloadHex, cancellationToken).ConfigureAwait(false);
            NoteRejection(await _service.SetMetadataCronAsync(main, _cron, tokenId, mainMint, cancellationToken).ConfigureAwait(false));
        }
    }

    private void NoteRejection(MetadatasResult stored)
    {
        if (!stored.Success)
        {
            Interlocked.Increment(ref _rejected);
            LastRejection = stored.ErrMsg;
        }
    }

    private sealed record ContractContext(bool Registry01Exists, string? MainContractId);
}
