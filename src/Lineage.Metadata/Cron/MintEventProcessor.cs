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
    /// <remarks>
    /// The hooks of every token run first (in parallel: they touch distinct tokens); then each transaction's
    /// <c>set_metadata_cron</c> calls, in the reference's order, and its <c>send_cron_tx</c> go to the executor as a
    /// few large writes (slices of <see cref="TokensPerWrite"/> tokens, the record with the last) instead of one write
    /// per call. Several transactions are written concurrently so the executor commits them together.
    /// </remarks>
    public async Task<IReadOnlyDictionary<string, (MintOutcome Outcome, string Error)>> ProcessAsync(
        IReadOnlyList<DecodedMint> events, CancellationToken cancellationToken)
    {
        var outcomes = new Dictionary<string, (MintOutcome, string)>(StringComparer.Ordinal);
        var todo = new List<List<DecodedMint>>();
        foreach (IGrouping<string, DecodedMint> transaction in events.GroupBy(e => e.Log.TransactionHash, StringComparer.Ordinal))
        {
            if (await IsRecordedAsync(transaction.Key, cancellationToken).ConfigureAwait(false))
            {
                outcomes[transaction.Key] = (MintOutcome.Duplicate, string.Empty);
            }
            else
            {
                todo.Add(transaction.ToList());
            }
        }

        if (todo.Count == 0)
        {
            return outcomes;
        }

        ContractContext context = await LoadContextAsync(cancellationToken).ConfigureAwait(false);
        var results = new (MintOutcome Outcome, string Error)[todo.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, todo.Count),
            new ParallelOptions { MaxDegreeOfParallelism = ConcurrentTransactions, CancellationToken = cancellationToken },
            async (index, ct) => results[index] = await ProcessTransactionAsync(context, todo[index], ct).ConfigureAwait(false))
            .ConfigureAwait(false);
        for (int i = 0; i < todo.Count; i++)
        {
            outcomes[todo[i][0].Log.TransactionHash] = results[i];
        }

        return outcomes;
    }

    /// <summary>Tokens whose rows go into one executor write.</summary>
    internal const int TokensPerWrite = 256;

    private const int ConcurrentTransactions = 4;

    private async Task<(MintOutcome Outcome, string Error)> ProcessTransactionAsync(
        ContractContext context, List<DecodedMint> mints, CancellationToken cancellationToken)
    {
        // Hooks of every token of the transaction; any failure fails (and later retries) the whole transaction.
        var writes = new IReadOnlyList<CronMetadataWrite>[mints.Count];
        string? failure = null;
        try
        {
            await Parallel.ForEachAsync(
                Enumerable.Range(0, mints.Count),
                new ParallelOptions { MaxDegreeOfParallelism = _parallelism, CancellationToken = cancellationToken },
                async (index, ct) =>
                {
                    try
                    {
                        writes[index] = await RunHooksAsync(context, mints[index], ct).ConfigureAwait(false);
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        Interlocked.CompareExchange(ref failure, $"token {mints[index].Event.TokenId}: {e.GetType().Name}: {e.Message}", null);
                    }
                }).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            failure ??= "hooks cancelled";
        }

        if (failure is not null)
        {
            return (MintOutcome.Retry, failure);
        }

        DecodedMint first = mints[0];
        var record = new CronTxWrite(
            "0x" + Convert.ToHexStringLower(first.Log.Data.Span), first.Log.BlockNumber, first.Log.TransactionHash, first.Event.TokenId);
        try
        {
            for (int start = 0; start < mints.Count; start += TokensPerWrite)
            {
                int end = Math.Min(mints.Count, start + TokensPerWrite);
                var slice = new List<CronMetadataWrite>((end - start) * 2);
                for (int i = start; i < end; i++)
                {
                    slice.AddRange(writes[i]);
                }

                CronWriteResult written = await _service.WriteCronBatchAsync(_cron, slice, end == mints.Count ? record : null, cancellationToken)
                    .ConfigureAwait(false);
                foreach (MetadatasResult stored in written.Metadatas)
                {
                    NoteRejection(stored);
                }

                if (written.CronTx is { Success: false } notRecorded)
                {
                    return (MintOutcome.Retry, $"send_cron_tx: {notRecorded.ErrMsg}");
                }
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return (MintOutcome.Retry, $"set_metadata_cron/send_cron_tx: {e.GetType().Name}: {e.Message}");
        }

        return (MintOutcome.Recorded, string.Empty);
    }

    private async Task<ContractContext> LoadContextAsync(CancellationToken cancellationToken)
    {
        MintHooks? registry = await _service.GetMintHooksAsync(Registry01, cancellationToken).ConfigureAwait(false);
        MintHooks? cronContract = await _service.GetMintHooksAsync(_cron.MetaContractId, cancellationToken).ConfigureAwait(false);
        MetaContractLookupResult main = await _service.GetMetaContractAsync(_cron.TokenKey, cancellationToken).ConfigureAwait(false);
        string? mainId = main.Success && main.Meta is not null ? main.Meta.MetaContractId : null;
        MintHooks? mainContract = mainId is null ? null : await _service.GetMintHooksAsync(mainId, cancellationToken).ConfigureAwait(false);
        return new ContractContext(registry, cronContract, mainId, mainContract);
    }

    /// <summary>The reference's per-event hook sequence; returns the set_metadata_cron calls it leads to, in order.</summary>
    private async Task<IReadOnlyList<CronMetadataWrite>> RunHooksAsync(ContractContext context, DecodedMint mint, CancellationToken cancellationToken)
    {
        string tokenId = mint.Event.TokenId;
        string dataKey = _service.GenerateDataKey(_cron.Chain, _cron.Address, tokenId);
        string payloadHex = mint.Data.PayloadHex;
        var writes = new List<CronMetadataWrite>(2);

        MetaContractResult onMint = context.CronContract is { } cronContract
            ? await cronContract.OnMintAsync(dataKey, tokenId, payloadHex, cancellationToken).ConfigureAwait(false)
            : Unresolved(_cron.MetaContractId);
        string storedUnder;
        if (onMint.Result && context.Registry01 is { } registry)
        {
            MetaContractResult postMint = await registry.OnPostMintAsync(onMint.Metadatas, dataKey, _cron.Address, _cron.Chain, tokenId, cancellationToken)
                .ConfigureAwait(false);
            storedUnder = Registry01;
            writes.Add(new CronMetadataWrite(Registry01, tokenId, postMint));
        }
        else
        {
            storedUnder = _cron.MetaContractId;
            writes.Add(new CronMetadataWrite(_cron.MetaContractId, tokenId, onMint));
        }

        // The collection's main contract runs too, unless it is the very contract whose rows were just written
        // (running it again would only find every row present).
        if (context.MainContractId is { } main && !string.Equals(main, storedUnder, StringComparison.Ordinal))
        {
            MetaContractResult mainMint = context.MainContract is { } mainContract
                ? await mainContract.OnMintAsync(dataKey, tokenId, payloadHex, cancellationToken).ConfigureAwait(false)
                : Unresolved(main);
            writes.Add(new CronMetadataWrite(main, tokenId, mainMint));
        }

        return writes;
    }

    private static MetaContractResult Unresolved(string metaContractId) =>
        MetaContractResult.Reject($"meta contract '{metaContractId}' is neither bound nor a registry id");

    private void NoteRejection(MetadatasResult stored)
    {
        if (!stored.Success)
        {
            Interlocked.Increment(ref _rejected);
            LastRejection = stored.ErrMsg;
        }
    }

    private sealed record ContractContext(MintHooks? Registry01, MintHooks? CronContract, string? MainContractId, MintHooks? MainContract);
}
