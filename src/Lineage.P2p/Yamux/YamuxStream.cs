// SPDX-License-Identifier: Apache-2.0

using System.Buffers;
using System.Diagnostics;
using System.IO.Pipelines;

namespace Lineage.P2p.Yamux;

/// <summary>
/// One yamux stream, usable as a <see cref="Stream"/> or through <see cref="Input"/>/<see cref="Output"/>.
/// Received data lands in a per-stream pipe that never blocks the session reader: the remote can only send what
/// this stream granted, and credit is granted again only as the application consumes, so a slow reader stalls
/// its own stream and no other. The window doubles (up to the session budget) when it is consumed within a few
/// round trips.
/// </summary>
public sealed class YamuxStream : Stream
{
    private static readonly PipeOptions s_receiveOptions = new(
        pauseWriterThreshold: 0, minimumSegmentSize: 16 * 1024, useSynchronizationContext: false, writerScheduler: PipeScheduler.Inline);

    private readonly YamuxSession _session;
    private readonly Pipe _receive = new(s_receiveOptions);
    private readonly YamuxStreamReader _reader;
    private readonly object _gate = new();
    private PipeWriter? _output;
    private long _sendCredit = YamuxOptions.DefaultWindow;
    private TaskCompletionSource? _creditWaiter;
    private long _receiveCredit = YamuxOptions.DefaultWindow;
    private int _windowSize = YamuxOptions.DefaultWindow;
    private int _consumedSinceUpdate;
    private long _lastUpdateTimestamp = Stopwatch.GetTimestamp();
    private bool _localClosed;
    private bool _remoteClosed;
    private bool _reset;
    private bool _readerAbandoned;
    private bool _receiveCompleted;
    private Exception? _failure;
    private volatile Exception? _readAbort;

    internal YamuxStream(YamuxSession session, uint id, bool isOutbound)
    {
        _session = session;
        Id = id;
        IsOutbound = isOutbound;
        _reader = new YamuxStreamReader(_receive.Reader, this);
    }

    public uint Id { get; }

    /// <summary>True when this side opened the stream.</summary>
    public bool IsOutbound { get; }

    public YamuxSession Session => _session;

    /// <summary>Received bytes; completing it abandons the read side (later data is discarded and credited).</summary>
    public PipeReader Input => _reader;

    /// <summary>A pipe writer over this stream; <see cref="PipeWriter.FlushAsync"/> sends the buffered bytes.</summary>
    public PipeWriter Output => _output ??= PipeWriter.Create(this, new StreamPipeWriterOptions(minimumBufferSize: 16 * 1024, leaveOpen: true));

    /// <summary>Current receive window (grows with auto-tuning).</summary>
    public int ReceiveWindow => _windowSize;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (buffer.IsEmpty)
        {
            return 0;
        }

        ReadResult result = await _reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        ReadOnlySequence<byte> data = result.Buffer;
        if (data.IsEmpty)
        {
            _reader.AdvanceTo(data.End);
            if (result.IsCompleted)
            {
                return 0;
            }

            throw new OperationCanceledException("read was cancelled");
        }

        int n = (int)Math.Min(data.Length, buffer.Length);
        data.Slice(0, n).CopyTo(buffer.Span);
        _reader.AdvanceTo(data.GetPosition(n));
        return n;
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (!buffer.IsEmpty)
        {
            int n = await AcquireCreditAsync(Math.Min(buffer.Length, _session.Options.MaxFrameData), cancellationToken).ConfigureAwait(false);
            await _session.EnqueueDataAsync(Id, buffer[..n], cancellationToken).ConfigureAwait(false);
            buffer = buffer[n..];
        }
    }

    /// <summary>Half-closes: flushes <see cref="Output"/> if used, then sends FIN. Reading stays possible.</summary>
    public async ValueTask CloseWriteAsync(CancellationToken cancellationToken = default)
    {
        if (_output is not null)
        {
            await _output.FlushAsync(cancellationToken).ConfigureAwait(false);
        }

        bool remove;
        lock (_gate)
        {
            if (_localClosed || _reset)
            {
                return;
            }

            _localClosed = true;
            remove = _remoteClosed;
        }

        _session.EnqueueControl(YamuxFrameType.WindowUpdate, YamuxFrameFlags.Fin, Id, 0);
        if (remove)
        {
            _session.RemoveStream(this);
        }
    }

    /// <summary>Aborts the stream in both directions (RST); pending and later I/O fails on both sides.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            if (_reset || (_localClosed && _remoteClosed))
            {
                return;
            }

            _reset = true;
        }

        _session.EnqueueControl(YamuxFrameType.WindowUpdate, YamuxFrameFlags.Rst, Id, 0);
        Fail(new YamuxStreamResetException($"stream {Id} was reset locally"));
        _session.RemoveStream(this);
    }

    public override async ValueTask DisposeAsync()
    {
        try
        {
            await CloseWriteAsync().ConfigureAwait(false);
        }
        catch (IOException)
        {
            // The stream or session already failed: nothing left to close gracefully.
        }
        catch (OperationCanceledException)
        {
        }

        _reader.Complete();
        await base.DisposeAsync().ConfigureAwait(false);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            lock (_gate)
            {
                if (!_localClosed && !_reset)
                {
                    _localClosed = true;
                    _session.EnqueueControl(YamuxFrameType.WindowUpdate, YamuxFrameFlags.Fin, Id, 0);
                }
            }

            _reader.Complete();
        }

        base.Dispose(disposing);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    // ---- called by the session reader (never blocks) ----

    /// <summary>Books <paramref name="length"/> bytes against the window; false if the remote overran it.</summary>
    internal bool TryReserveReceive(uint length)
    {
        lock (_gate)
        {
            if (length > _receiveCredit)
            {
                return false;
            }

            _receiveCredit -= length;
            return true;
        }
    }

    internal void OnDataReceived(ReadOnlySpan<byte> data)
    {
        bool discarded;
        lock (_gate)
        {
            discarded = _readerAbandoned || _receiveCompleted;
            if (!discarded)
            {
                // Under the lock so a concurrent reset cannot complete the pipe mid-write.
                _receive.Writer.Write(data);
                ValueTask<FlushResult> flush = _receive.Writer.FlushAsync();
                Debug.Assert(flush.IsCompleted, "the receive pipe never applies backpressure");
                if (flush.IsCompletedSuccessfully && flush.Result.IsCompleted)
                {
                    _readerAbandoned = true;
                }
            }
        }

        if (discarded)
        {
            // Nobody will read it: discard, but keep the remote's credit flowing so it can finish and FIN.
            OnConsumed(data.Length);
        }
    }

    internal void OnWindowUpdate(uint delta)
    {
        TaskCompletionSource? waiter;
        lock (_gate)
        {
            _sendCredit += delta;
            waiter = _creditWaiter;
            _creditWaiter = null;
        }

        waiter?.TrySetResult();
    }

    internal void OnRemoteFin()
    {
        bool remove;
        lock (_gate)
        {
            if (_remoteClosed || _reset)
            {
                return;
            }

            _remoteClosed = true;
            remove = _localClosed;
            CompleteReceive(null);
        }

        if (remove)
        {
            _session.RemoveStream(this);
        }
    }

    internal void OnRemoteReset()
    {
        lock (_gate)
        {
            if (_reset)
            {
                return;
            }

            _reset = true;
        }

        Fail(new YamuxStreamResetException($"stream {Id} was reset by the remote"));
        _session.RemoveStream(this);
    }

    internal void OnSessionTerminated(Exception? error)
    {
        lock (_gate)
        {
            if (_reset || (_localClosed && _remoteClosed))
            {
                return;
            }

            _reset = true;
        }

        Fail(new YamuxStreamResetException("the connection closed", error ?? new IOException("connection closed")));
    }

    // ---- called by the application side ----

    internal void OnConsumed(int count)
    {
        uint delta;
        lock (_gate)
        {
            _consumedSinceUpdate += count;
            if (_remoteClosed || _reset || _consumedSinceUpdate < _windowSize / 2)
            {
                return;
            }

            int grow = 0;
            long now = Stopwatch.GetTimestamp();
            if (_windowSize < _session.Options.MaxStreamWindow && Stopwatch.GetElapsedTime(_lastUpdateTimestamp, now) < _session.AutoTuneThreshold)
            {
                grow = Math.Min(_windowSize, _session.Options.MaxStreamWindow - _windowSize);
                if (!_session.TryReserveWindowGrowth(grow))
                {
                    grow = 0;
                }
            }

            _windowSize += grow;
            delta = (uint)(_consumedSinceUpdate + grow);
            _receiveCredit += delta;
            _consumedSinceUpdate = 0;
            _lastUpdateTimestamp = now;
        }

        _session.EnqueueControl(YamuxFrameType.WindowUpdate, YamuxFrameFlags.None, Id, delta);
    }

    /// <summary>Throws if the stream was reset before the remote finished sending.</summary>
    internal void ThrowIfReadAborted()
    {
        if (_readAbort is { } error)
        {
            throw new YamuxStreamResetException(error.Message, error);
        }
    }

    internal void OnReaderCompleted()
    {
        lock (_gate)
        {
            _readerAbandoned = true;
        }
    }

    /// <summary>Window growth to hand back to the session budget when the stream goes away.</summary>
    internal int WindowGrowth => _windowSize - YamuxOptions.DefaultWindow;

    private async ValueTask<int> AcquireCreditAsync(int wanted, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task wait;
            lock (_gate)
            {
                if (_reset)
                {
                    throw _failure is null ? new YamuxStreamResetException($"stream {Id} was reset") : new YamuxStreamResetException(_failure.Message, _failure);
                }

                if (_localClosed)
                {
                    throw new IOException($"stream {Id} is closed for writing");
                }

                if (_sendCredit > 0)
                {
                    int n = (int)Math.Min(wanted, _sendCredit);
                    _sendCredit -= n;
                    return n;
                }

                _creditWaiter ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                wait = _creditWaiter.Task;
            }

            await wait.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private void Fail(Exception error)
    {
        TaskCompletionSource? waiter;
        lock (_gate)
        {
            _failure = error;
            if (!_receiveCompleted)
            {
                // A reset is a hard abort: buffered bytes are not delivered, reads fail at once.
                _readAbort = error;
            }

            waiter = _creditWaiter;
            _creditWaiter = null;
            CompleteReceive(error);
        }

        waiter?.TrySetResult();
    }

    private void CompleteReceive(Exception? error)
    {
        if (_receiveCompleted)
        {
            return;
        }

        _receiveCompleted = true;
        _receive.Writer.Complete(error);
    }
}
