// SPDX-License-Identifier: Apache-2.0

using System.Globalization;
using Lineage.Metadata.Cron.Abi;
using Lineage.Metadata.Cron.Evm;
using Lineage.Metadata.Model;
using Lineage.Metadata.Service;
using Microsoft.Extensions.Logging;

namespace Lineage.Metadata.Cron;

/// <summary>
/// Follows one cron: polls its EVM endpoint, processes every <c>Minted</c> event of its contract exactly once
/// (dedup by (tx_hash, address, chain, topic)), and survives restarts (durable scan position; the reference's
/// <c>last_processed_block</c> is the lower bound), reorganisations (checkpoint hashes, rewind and rescan),
/// failing events (retry queue with exponential back-off, then parked as failed) and failing endpoints (back-off;
/// the error is kept in <see cref="Status"/>). Run it with <see cref="RunAsync"/>; it returns when cancelled.
/// </summary>
public sealed class CronFollower
{
    private readonly CronRecord _cron;
    private readonly IEvmChainClient _chain;
    private readonly ITransactionService _service;
    private readonly ICronProgressStore _store;
    private readonly CronFollowerOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly MintEventProcessor _processor;
    private static readonly System.Buffers.SearchValues<char> s_hexDigits = System.Buffers.SearchValues.Create("0123456789abcdefABCDEF");
    private readonly WakeSignal _wake = new();
    private readonly Lock _statusLock = new();
    private CronStatus _status;
    private CronProgress _progress = CronProgress.Empty;
    private ulong _lastProcessedAtLoad;
    private int _consecutiveEndpointFailures;

    public CronFollower(
        CronRecord cron,
        IEvmChainClient chain,
        ITransactionService service,
        ICronProgressStore store,
        CronFollowerOptions options,
        TimeProvider time,
        ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(cron);
        ArgumentNullException.ThrowIfNull(chain);
        _cron = cron;
        _chain = chain;
        _service = service;
        _store = store;
        _options = options;
        _time = time;
        _logger = logger;
        _processor = new MintEventProcessor(service, cron, options.Parallelism);
        _status = new CronStatus
        {
            Hash = cron.Hash,
            State = StateName(CronFollowerState.Starting),
            Endpoint = chain.Endpoint,
            Confirmations = options.Confirmations,
        };
    }

    /// <summary>The cron this follower serves.</summary>
    public CronRecord Cron => _cron;

    /// <summary>The latest status snapshot.</summary>
    public CronStatus Status
    {
        get
        {
            lock (_statusLock)
            {
                return _status;
            }
        }
    }

    /// <summary>Asks for a poll now instead of at the end of the current interval.</summary>
    public void Wake() => _wake.Wake();

    /// <summary>Validates the cron's configuration; returns a reason when it cannot be followed.</summary>
    public static string? Validate(CronRecord cron)
    {
        ArgumentNullException.ThrowIfNull(cron);
        if (!IsHex(cron.Address, 20))
        {
            return $"address '{Clip(cron.Address)}' is not a 20-byte hex address (0x + 40 hex digits)";
        }

        if (!string.Equals(cron.Topic, MintedEvent.Topic, StringComparison.OrdinalIgnoreCase))
        {
            return $"topic '{Clip(cron.Topic)}' is not supported: only {MintedEvent.Signature} ({MintedEvent.Topic}) is watched";
        }

        return null;
    }

    /// <summary>Polls until <paramref name="cancellationToken"/> is cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (Validate(_cron) is { } invalid)
        {
            SetError(CronFollowerState.Invalid, invalid);
            Log.CronInvalid(_logger, _cron.Hash, invalid);
            return;
        }

        while (!cancellationToken.IsCancellationRequested)
        {
            TimeSpan delay = _options.PollInterval;
            try
            {
                await PollOnceAsync(cancellationToken).ConfigureAwait(false);
                _consecutiveEndpointFailures = 0;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e) when (e is EvmRpcException or ChainMismatchException)
            {
                _consecutiveEndpointFailures++;
                delay = Backoff(_options.PollInterval, _consecutiveEndpointFailures, _options.EndpointMaxBackoff);
                SetError(CronFollowerState.BackingOff, e.Message);
                Log.EndpointFailed(_logger, _cron.Hash, e.Message, delay.TotalMilliseconds);
            }
            catch (Exception e)
            {
                _consecutiveEndpointFailures++;
                delay = Backoff(_options.PollInterval, _consecutiveEndpointFailures, _options.EndpointMaxBackoff);
                SetError(CronFollowerState.BackingOff, $"{e.GetType().Name}: {e.Message}");
                Log.PollFailed(_logger, _cron.Hash, e);
            }

            try
            {
                await _wake.WaitAsync(delay, _time, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        Update(s => s with { State = StateName(CronFollowerState.Stopped) });
    }

    /// <summary>One poll: reorg check, due retries, then every new block up to head − confirmations.</summary>
    public async Task PollOnceAsync(CancellationToken cancellationToken)
    {
        if (Status.State == StateName(CronFollowerState.Starting))
        {
            await LoadAsync(cancellationToken).ConfigureAwait(false);
        }

        ulong head = await _chain.GetBlockNumberAsync(cancellationToken).ConfigureAwait(false);
        Update(s => s with { HeadBlock = head, LastPollAt = _time.GetUtcNow().ToUnixTimeMilliseconds() });
        await DetectReorgAsync(cancellationToken).ConfigureAwait(false);
        await RetryDueAsync(cancellationToken).ConfigureAwait(false);

        if (head < (ulong)_options.Confirmations)
        {
            MarkHealthy();
            return;
        }

        ulong safe = head - (ulong)_options.Confirmations;
        ulong from = _progress.ScannedBlock is { } scanned ? Math.Max(scanned + 1, _lastProcessedAtLoad) : _lastProcessedAtLoad;
        ulong range = Math.Max(1, _options.MaxBlockRange);
        while (from <= safe)
        {
            cancellationToken.ThrowIfCancellationRequested();
            ulong to = Math.Min(safe, from + range - 1);
            EvmBlockHeader? tip = await _chain.GetBlockByNumberAsync(to, cancellationToken).ConfigureAwait(false)
                ?? throw new EvmRpcException(EvmRpcErrorKind.MalformedResponse, _chain.Endpoint, "eth_getBlockByNumber",
                    $"block {to} is missing although the head is {head}");
            IReadOnlyList<EvmLog> logs;
            try
            {
                logs = await _chain.GetLogsAsync(new EvmLogFilter(_cron.Address, from, to, MintedEvent.Topic), cancellationToken)
                    .ConfigureAwait(false);
            }
            catch (EvmRpcException e) when (e.Kind == EvmRpcErrorKind.RpcError && range > 1)
            {
                // Hosted endpoints cap eth_getLogs ranges or result counts: narrow the range and go on.
                range = Math.Max(1, range / 2);
                Log.RangeNarrowed(_logger, _cron.Hash, range, e.Detail);
                continue;
            }

            if (logs.Any(l => l.BlockNumber == to && !string.Equals(l.BlockHash, tip.Hash, StringComparison.OrdinalIgnoreCase)))
            {
                // The tip changed between the two calls: a reorganisation is under way; try again next poll.
                Log.TipMoved(_logger, _cron.Hash, to);
                return;
            }

            await HandleLogsAsync(logs, cancellationToken).ConfigureAwait(false);
            var checkpoints = _progress.Checkpoints.Where(c => c.Number < to).Append(new BlockCheckpoint(to, tip.Hash))
                .TakeLast(Math.Max(1, _options.ReorgWindow)).ToList();
            await _store.SaveScanAsync(_cron.Hash, to, checkpoints, cancellationToken).ConfigureAwait(false);
            _progress = _progress with { ScannedBlock = to, Checkpoints = checkpoints };
            Update(s => s with { ScannedBlock = to });
            from = to + 1;
        }

        MarkHealthy();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        _progress = await _store.LoadAsync(_cron.Hash, cancellationToken).ConfigureAwait(false);
        _lastProcessedAtLoad = await _service.GetCronLatestBlockAsync(_cron.Hash, cancellationToken).ConfigureAwait(false);
        (IReadOnlyList<FailedMint> recent, long total) = await _store.GetFailuresAsync(_cron.Hash, 10, cancellationToken).ConfigureAwait(false);
        await VerifyChainAsync(cancellationToken).ConfigureAwait(false);
        Update(s => s with
        {
            State = StateName(CronFollowerState.Following),
            ScannedBlock = _progress.ScannedBlock,
            PendingRetries = _progress.Retries.Count,
            FailedEvents = total,
            RecentFailures = recent,
        });
    }

    private async Task VerifyChainAsync(CancellationToken cancellationToken)
    {
        if (!ulong.TryParse(_cron.Chain, NumberStyles.None, CultureInfo.InvariantCulture, out ulong expected))
        {
            return;
        }

        ulong actual = await _chain.GetChainIdAsync(cancellationToken).ConfigureAwait(false);
        if (actual != expected)
        {
            throw new ChainMismatchException(
                $"endpoint {_chain.Endpoint} serves chain id {actual}, but the cron watches chain {expected}: not following");
        }
    }

    private async Task DetectReorgAsync(CancellationToken cancellationToken)
    {
        if (_progress.Checkpoints.Count == 0)
        {
            return;
        }

        BlockCheckpoint newest = _progress.Checkpoints[^1];
        EvmBlockHeader? current = await _chain.GetBlockByNumberAsync(newest.Number, cancellationToken).ConfigureAwait(false);
        if (current is not null && string.Equals(current.Hash, newest.Hash, StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        // Walk back through the checkpoints to the newest one still on the canonical chain and rescan from there;
        // events that reappear are skipped by dedup, new ones are processed.
        ulong? forkPoint = null;
        var kept = new List<BlockCheckpoint>();
        for (int i = _progress.Checkpoints.Count - 2; i >= 0; i--)
        {
            BlockCheckpoint checkpoint = _progress.Checkpoints[i];
            EvmBlockHeader? header = await _chain.GetBlockByNumberAsync(checkpoint.Number, cancellationToken).ConfigureAwait(false);
            if (header is not null && string.Equals(header.Hash, checkpoint.Hash, StringComparison.OrdinalIgnoreCase))
            {
                forkPoint = checkpoint.Number;
                kept = _progress.Checkpoints.Take(i + 1).ToList();
                break;
            }
        }

        ulong depth = forkPoint is { } point ? newest.Number - point : (ulong)_options.ReorgWindow;
        ulong? rescanAfter = forkPoint ?? (newest.Number > (ulong)_options.ReorgWindow ? newest.Number - (ulong)_options.ReorgWindow : null);
        await _store.SaveScanAsync(_cron.Hash, rescanAfter, kept, cancellationToken).ConfigureAwait(false);
        _progress = _progress with { ScannedBlock = rescanAfter, Checkpoints = kept };
        _lastProcessedAtLoad = Math.Min(_lastProcessedAtLoad, rescanAfter is { } r ? r + 1 : 0);
        string message = forkPoint is null
            ? $"reorg deeper than the {_options.ReorgWindow}-checkpoint window at block {newest.Number}: rescanning from block {(rescanAfter ?? 0) + (rescanAfter is null ? 0 : 1UL)}"
            : $"reorg of depth ≤ {depth} below block {newest.Number}: rescanning from block {forkPoint + 1}";
        Update(s => s with { Reorgs = s.Reorgs + 1, ScannedBlock = rescanAfter });
        Log.Reorg(_logger, _cron.Hash, message);
        if (forkPoint is null)
        {
            SetError(CronFollowerState.Following, message);
        }
    }

    private async Task HandleLogsAsync(IReadOnlyList<EvmLog> logs, CancellationToken cancellationToken)
    {
        var decoded = new List<DecodedMint>(logs.Count);
        foreach (EvmLog log in logs.OrderBy(l => l.BlockNumber).ThenBy(l => l.LogIndex))
        {
            if (log.Removed || !string.Equals(log.Address, _cron.Address, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            try
            {
                MintedEvent minted = MintedEvent.Decode(log);
                decoded.Add(new DecodedMint(log, minted, MintData.Decode(minted.Data.Span)));
            }
            catch (AbiFormatException e)
            {
                // Malformed events never become valid: give up on them at once, visibly.
                await FailAsync(new FailedMint(log.TransactionHash, log.BlockNumber, log.LogIndex,
                    $"malformed Minted log (tx {log.TransactionHash}, block {log.BlockNumber}, log {log.LogIndex}): {e.Message}",
                    _time.GetUtcNow().ToUnixTimeMilliseconds()), cancellationToken).ConfigureAwait(false);
            }
        }

        if (decoded.Count == 0)
        {
            return;
        }

        IReadOnlyDictionary<string, (MintOutcome Outcome, string Error)> outcomes =
            await _processor.ProcessAsync(decoded, cancellationToken).ConfigureAwait(false);
        long processed = 0;
        foreach (IGrouping<string, DecodedMint> transaction in decoded.GroupBy(d => d.Log.TransactionHash, StringComparer.Ordinal))
        {
            (MintOutcome outcome, string error) = outcomes[transaction.Key];
            if (outcome == MintOutcome.Recorded)
            {
                processed += transaction.Count();
            }
            else if (outcome == MintOutcome.Retry)
            {
                await ScheduleRetryAsync(transaction.Key, transaction.First().Log.BlockNumber, attempts: 1, error, cancellationToken)
                    .ConfigureAwait(false);
            }
        }

        UpdateCounters(processed);
    }

    private async Task RetryDueAsync(CancellationToken cancellationToken)
    {
        DateTimeOffset now = _time.GetUtcNow();
        foreach (PendingRetry retry in _progress.Retries.Where(r => r.NextAttemptAt <= now).ToList())
        {
            EvmTransactionReceipt? receipt = await _chain.GetTransactionReceiptAsync(retry.TransactionHash, cancellationToken)
                .ConfigureAwait(false);
            if (receipt is null)
            {
                // Dropped by a reorganisation: nothing to process any more.
                await RemoveRetryAsync(retry.TransactionHash, cancellationToken).ConfigureAwait(false);
                continue;
            }

            var decoded = new List<DecodedMint>();
            foreach (EvmLog log in receipt.Logs.Where(l => string.Equals(l.Address, _cron.Address, StringComparison.OrdinalIgnoreCase)
                && l.Topics.Count > 0 && string.Equals(l.Topics[0], MintedEvent.Topic, StringComparison.OrdinalIgnoreCase)))
            {
                try
                {
                    MintedEvent minted = MintedEvent.Decode(log);
                    decoded.Add(new DecodedMint(log, minted, MintData.Decode(minted.Data.Span)));
                }
                catch (AbiFormatException)
                {
                    // already reported when first seen
                }
            }

            IReadOnlyDictionary<string, (MintOutcome Outcome, string Error)> outcomes = decoded.Count == 0
                ? new Dictionary<string, (MintOutcome, string)>()
                : await _processor.ProcessAsync(decoded, cancellationToken).ConfigureAwait(false);
            if (!outcomes.TryGetValue(retry.TransactionHash, out (MintOutcome Outcome, string Error) result) || result.Outcome != MintOutcome.Retry)
            {
                await RemoveRetryAsync(retry.TransactionHash, cancellationToken).ConfigureAwait(false);
                if (result.Outcome == MintOutcome.Recorded)
                {
                    UpdateCounters(decoded.Count);
                }

                Log.RetrySucceeded(_logger, _cron.Hash, retry.TransactionHash, retry.Attempts + 1);
                continue;
            }

            if (retry.Attempts + 1 >= _options.MaxAttempts)
            {
                await RemoveRetryAsync(retry.TransactionHash, cancellationToken).ConfigureAwait(false);
                await FailAsync(new FailedMint(retry.TransactionHash, retry.BlockNumber, null,
                    $"gave up after {retry.Attempts + 1} attempts: {result.Error}", now.ToUnixTimeMilliseconds()), cancellationToken)
                    .ConfigureAwait(false);
            }
            else
            {
                await ScheduleRetryAsync(retry.TransactionHash, retry.BlockNumber, retry.Attempts + 1, result.Error, cancellationToken)
                    .ConfigureAwait(false);
            }
        }
    }

    private async Task ScheduleRetryAsync(string transactionHash, ulong blockNumber, int attempts, string error, CancellationToken cancellationToken)
    {
        TimeSpan delay = Backoff(_options.RetryBaseDelay, attempts, _options.RetryMaxDelay);
        var retry = new PendingRetry(transactionHash, blockNumber, attempts, _time.GetUtcNow() + delay, error);
        await _store.UpsertRetryAsync(_cron.Hash, retry, cancellationToken).ConfigureAwait(false);
        _progress = _progress with
        {
            Retries = _progress.Retries.Where(r => r.TransactionHash != transactionHash).Append(retry).ToList(),
        };
        string message = $"event tx {transactionHash} (block {blockNumber}) failed (attempt {attempts}), retrying in {delay.TotalSeconds:0.#} s: {error}";
        SetError(CronFollowerState.Following, message);
        Update(s => s with { PendingRetries = _progress.Retries.Count });
        Log.EventFailed(_logger, _cron.Hash, transactionHash, attempts, error);
    }

    private async Task RemoveRetryAsync(string transactionHash, CancellationToken cancellationToken)
    {
        await _store.RemoveRetryAsync(_cron.Hash, transactionHash, cancellationToken).ConfigureAwait(false);
        _progress = _progress with { Retries = _progress.Retries.Where(r => r.TransactionHash != transactionHash).ToList() };
        Update(s => s with { PendingRetries = _progress.Retries.Count });
    }

    private async Task FailAsync(FailedMint failure, CancellationToken cancellationToken)
    {
        await _store.AddFailureAsync(_cron.Hash, failure, cancellationToken).ConfigureAwait(false);
        SetError(CronFollowerState.Following, failure.Error);
        Update(s => s with
        {
            FailedEvents = s.FailedEvents + 1,
            RecentFailures = s.RecentFailures.Prepend(failure).Take(10).ToList(),
        });
        Log.EventGivenUp(_logger, _cron.Hash, failure.TransactionHash, failure.Error);
    }

    private void UpdateCounters(long processed) => Update(s => s with
    {
        EventsProcessed = s.EventsProcessed + processed,
        EventsRejected = _processor.Rejected,
    });

    private void MarkHealthy() => Update(s => s.State == StateName(CronFollowerState.BackingOff)
        ? s with { State = StateName(CronFollowerState.Following) }
        : s);

    private void SetError(CronFollowerState state, string message) => Update(s => s with
    {
        State = StateName(state),
        LastError = message,
        LastErrorAt = _time.GetUtcNow().ToUnixTimeMilliseconds(),
    });

    private void Update(Func<CronStatus, CronStatus> change)
    {
        lock (_statusLock)
        {
            _status = change(_status);
        }
    }

    private static TimeSpan Backoff(TimeSpan baseDelay, int attempts, TimeSpan max)
    {
        double factor = Math.Pow(2, Math.Min(30, Math.Max(0, attempts - 1)));
        double milliseconds = Math.Min(max.TotalMilliseconds, baseDelay.TotalMilliseconds * factor);
        return TimeSpan.FromMilliseconds(milliseconds);
    }

    /// <summary>The JSON name of a state.</summary>
    public static string StateName(CronFollowerState state) => state switch
    {
        CronFollowerState.Starting => "starting",
        CronFollowerState.Following => "following",
        CronFollowerState.BackingOff => "backing_off",
        CronFollowerState.Invalid => "invalid",
        _ => "stopped",
    };

    private static bool IsHex(string value, int bytes) =>
        value.Length == 2 + (bytes * 2) && value.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
        && value.AsSpan(2).IndexOfAnyExcept(s_hexDigits) < 0;

    private static string Clip(string value) => value.Length <= 80 ? value : string.Concat(value.AsSpan(0, 80), "…");
}
