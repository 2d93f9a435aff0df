// SPDX-License-Identifier: Apache-2.0

using System.Collections.Concurrent;
using System.Threading.Channels;
using Lineage.Metadata.Contracts;
using Lineage.Metadata.Model;
using Lineage.Metadata.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Lineage.Metadata.Service;

/// <summary>
/// The Lineage <c>transaction</c> service over an <see cref="ILineageStore"/>.
/// </summary>
/// <remarks>
/// All writes go through one ordered channel owned by this service and drained by one writer task (awaited on
/// dispose). The writer takes whatever is queued (up to <see cref="TransactionServiceOptions.MaxBatchSize"/>),
/// and for each publish in order: runs the state checks, records the transaction, and — if it passed — executes it
/// at once (meta contract, rows, DAG blocks, receipt) inside a savepoint; then commits the whole group once and
/// only then acknowledges the callers. So an accepted transaction is executed exactly once, in acceptance order
/// (hence per-row order) even with concurrent writers, without polling; a failed check is recorded with a failed
/// receipt and never executed; and an acknowledged write is durable. Signature checks run on the callers'
/// threads before queueing, so they scale with cores.
/// </remarks>
public sealed partial class TransactionService : ITransactionService
{
    private readonly ILineageStore _store;
    private readonly IMetaContractResolver _resolver;
    private readonly TransactionServiceOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Channel<WriteWork> _queue;
    private readonly ConcurrentDictionary<string, TaskCompletionSource<TransactionReceipt>> _receiptWaiters = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _writer;
    private readonly bool _ownsStore;
    private int _disposed;

    public TransactionService(
        ILineageStore store,
        TransactionServiceOptions? options = null,
        IMetaContractResolver? resolver = null,
        ILogger<TransactionService>? logger = null,
        TimeProvider? timeProvider = null,
        bool ownsStore = false)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
        _ownsStore = ownsStore;
        _options = options ?? new TransactionServiceOptions();
        _resolver = resolver ?? new NativeMetaContractResolver(_options.ContractImplementations);
        _logger = logger ?? NullLogger<TransactionService>.Instance;
        _time = timeProvider ?? TimeProvider.System;
        _queue = Channel.CreateUnbounded<WriteWork>(new UnboundedChannelOptions { SingleReader = true });
        _writer = Task.Run(() => RunWriterAsync(_stopping.Token));
    }

    /// <summary>The options in effect.</summary>
    public TransactionServiceOptions Options => _options;

    private long Now() => _time.GetUtcNow().ToUnixTimeMilliseconds();

    private Task<T> EnqueueAsync<T>(Func<ILineageWriteSession, CancellationToken, ValueTask<T>> run, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var work = new WriteWorkOf<T>(run);
        ObjectDisposedException.ThrowIf(!_queue.Writer.TryWrite(work), this);

        // The write proceeds even if the caller stops waiting: a queued transaction is never half-done.
        return work.Task.WaitAsync(cancellationToken);
    }

    private async Task RunWriterAsync(CancellationToken stopping)
    {
        await RecoverPendingAsync(stopping).ConfigureAwait(false);
        var batch = new List<WriteWork>(_options.MaxBatchSize);
        ChannelReader<WriteWork> reader = _queue.Reader;
        while (await reader.WaitToReadAsync(CancellationToken.None).ConfigureAwait(false))
        {
            batch.Clear();
            while (batch.Count < _options.MaxBatchSize && reader.TryRead(out WriteWork? work))
            {
                batch.Add(work);
            }

            await RunBatchAsync(batch).ConfigureAwait(false);
        }
    }

    private async Task RunBatchAsync(List<WriteWork> batch)
    {
        var succeeded = new List<WriteWork>(batch.Count);
        _pendingReceipts.Clear();
        ILineageWriteSession? session = null;
        try
        {
            session = _store.BeginWrite();
            foreach (WriteWork work in batch)
            {
                session.Savepoint("work");
                try
                {
                    await work.RunAsync(session, CancellationToken.None).ConfigureAwait(false);
                    session.ReleaseSavepoint("work");
                    succeeded.Add(work);
                }
#pragma warning disable CA1031 // One bad work item must not take the others down; it is failed individually.
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    session.RollbackToSavepoint("work");
                    session.ReleaseSavepoint("work");
                    Log.WorkFailed(_logger, ex);
                    work.Fail(ex);
                }
            }

            session.Commit();
        }
#pragma warning disable CA1031 // A failed commit fails every caller of the group; the writer keeps serving.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Log.CommitFailed(_logger, ex, batch.Count);
            foreach (WriteWork work in succeeded)
            {
                work.Fail(ex);
            }

            _pendingReceipts.Clear();
            return;
        }
        finally
        {
            session?.Dispose();
        }

        foreach (WriteWork work in succeeded)
        {
            work.Complete();
        }

        foreach (TransactionReceipt receipt in _pendingReceipts)
        {
            if (_receiptWaiters.TryRemove(receipt.Hash, out TaskCompletionSource<TransactionReceipt>? waiter))
            {
                waiter.TrySetResult(receipt);
            }
        }

        _pendingReceipts.Clear();
    }

    // Receipts written by the current batch (touched only by the writer task).
    private readonly List<TransactionReceipt> _pendingReceipts = [];

    private async Task RecoverPendingAsync(CancellationToken stopping)
    {
        IReadOnlyList<Transaction> pending;
        using (ILineageReadSession read = _store.OpenRead())
        {
            pending = read.GetPendingTransactionsInOrder();
        }

        if (pending.Count == 0)
        {
            return;
        }

        Log.Recovered(_logger, pending.Count);
        var works = pending.Select(tx => (WriteWork)new WriteWorkOf<bool>(async (session, ct) =>
        {
            await ExecuteAsync(session, tx, ct).ConfigureAwait(false);
            return true;
        })).ToList();
        await RunBatchAsync(works).ConfigureAwait(false);
        stopping.ThrowIfCancellationRequested();
    }

    private void RecordReceipt(ILineageWriteSession session, TransactionReceipt receipt)
    {
        session.PutReceipt(receipt);
        _pendingReceipts.Add(receipt);
    }

    /// <inheritdoc/>
    public async Task<TransactionReceipt> WaitForReceiptAsync(string transactionHash, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transactionHash);
        TaskCompletionSource<TransactionReceipt> waiter = _receiptWaiters.GetOrAdd(
            transactionHash, _ => new TaskCompletionSource<TransactionReceipt>(TaskCreationOptions.RunContinuationsAsynchronously));
        using (ILineageReadSession read = _store.OpenRead())
        {
            TransactionReceipt? existing = read.GetReceipt(transactionHash);
            if (existing is not null)
            {
                _receiptWaiters.TryRemove(transactionHash, out _);
                waiter.TrySetResult(existing);
                return existing;
            }
        }

        return await waiter.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stops accepting writes, lets the writer finish what is queued, and waits for it.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _queue.Writer.TryComplete();
        try
        {
            await _writer.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopping during recovery.
        }

        foreach (TaskCompletionSource<TransactionReceipt> waiter in _receiptWaiters.Values)
        {
            waiter.TrySetCanceled();
        }

        _stopping.Dispose();
        if (_ownsStore)
        {
            _store.Dispose();
        }
    }
}
