// SPDX-License-Identifier: Apache-2.0

using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading.Channels;
using Lineage.P2p.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Lineage.P2p.Yamux;

/// <summary>
/// A yamux session over a secured byte channel. One reader task decodes frames and never blocks on the
/// application; one writer task drains a double-buffered queue, coalescing frames from all streams into as few
/// channel writes as possible. Data writers wait when the queue is above its high-water mark; control frames
/// (window updates, ACKs, pongs) never wait, so a peer that stops reading cannot deadlock the session.
/// </summary>
public sealed partial class YamuxSession : IAsyncDisposable
{
    private readonly IByteChannel _channel;
    private readonly ILogger _logger;
    private readonly Dictionary<uint, YamuxStream> _streams = [];
    private readonly Channel<YamuxStream> _acceptQueue = Channel.CreateUnbounded<YamuxStream>(new UnboundedChannelOptions { SingleWriter = true });
    private readonly Channel<bool> _writerWake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });
    private readonly object _writeGate = new();
    private readonly CancellationTokenSource _shutdown = new();
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentDictionary<uint, (TaskCompletionSource<TimeSpan> Waiter, long Started)> _pings = new();
    private byte[] _pending = new byte[256];
    private byte[] _writing = new byte[256];
    private int _pendingCount;
    private bool _writerClosed;
    private TaskCompletionSource? _drained;
    private Task _readLoop = Task.CompletedTask;
    private Task _writeLoop = Task.CompletedTask;
    private Task _keepAliveLoop = Task.CompletedTask;
    private uint _nextStreamId;
    private int _inboundCount;
    private int _outboundCount;
    private bool _terminated;
    private volatile bool _localGoAway;
    private volatile bool _remoteGoAway;
    private uint _nextPingId;
    private long _rttTicks;
    private long _windowGrowth;
    private long _idleSince = Stopwatch.GetTimestamp();
    private int _channelDisposed;

    public YamuxSession(IByteChannel channel, bool isClient, YamuxOptions? options = null, ILogger? logger = null)
    {
        _channel = channel ?? throw new ArgumentNullException(nameof(channel));
        IsClient = isClient;
        Options = options ?? new YamuxOptions();
        _logger = logger ?? NullLogger.Instance;
        _nextStreamId = isClient ? 1u : 2u;
    }

    /// <summary>True for the connection initiator (odd stream ids).</summary>
    public bool IsClient { get; }

    public YamuxOptions Options { get; }

    /// <summary>Completes when the session has ended, gracefully or not.</summary>
    public Task Completion => _completion.Task;

    /// <summary>Why the session ended abnormally, if it did.</summary>
    public Exception? TerminationError { get; private set; }

    public bool IsClosed => Volatile.Read(ref _terminated);

    /// <summary>Open streams (both directions).</summary>
    public int StreamCount
    {
        get
        {
            lock (_streams)
            {
                return _streams.Count;
            }
        }
    }

    /// <summary>How long the session has had no open stream (zero while streams are open).</summary>
    public TimeSpan IdleTime
    {
        get
        {
            lock (_streams)
            {
                return _streams.Count > 0 ? TimeSpan.Zero : Stopwatch.GetElapsedTime(_idleSince);
            }
        }
    }

    /// <summary>The latest yamux ping round trip, if one completed.</summary>
    public TimeSpan? RoundTripTime => Interlocked.Read(ref _rttTicks) is var t and > 0 ? TimeSpan.FromTicks(t) : null;

    /// <summary>Window auto-tuning doubles a stream's window when half of it was consumed faster than this.</summary>
    internal TimeSpan AutoTuneThreshold => TimeSpan.FromTicks(4 * Math.Max(Interlocked.Read(ref _rttTicks), TimeSpan.FromMilliseconds(2).Ticks));

    /// <summary>Starts the reader, writer and keep-alive loops.</summary>
    public void Start()
    {
        _writeLoop = Task.Run(WriteLoopAsync);
        _keepAliveLoop = Task.Run(KeepAliveLoopAsync);
        _readLoop = Task.Run(ReadLoopAsync);
    }

    /// <summary>Opens an outbound stream (WindowUpdate|SYN is sent at once; data may follow before the ACK).</summary>
    public YamuxStream OpenStream()
    {
        YamuxStream stream;
        lock (_streams)
        {
            if (_terminated)
            {
                throw new IOException("yamux session is closed", TerminationError);
            }

            if (_remoteGoAway || _localGoAway)
            {
                throw new IOException("yamux session is going away");
            }

            if (_outboundCount >= Options.MaxOutboundStreams)
            {
                throw new IOException($"yamux outbound stream limit ({Options.MaxOutboundStreams}) reached");
            }

            stream = new YamuxStream(this, _nextStreamId, isOutbound: true);
            _nextStreamId += 2;
            _streams.Add(stream.Id, stream);
            _outboundCount++;
        }

        EnqueueControl(YamuxFrameType.WindowUpdate, YamuxFrameFlags.Syn, stream.Id, 0);
        return stream;
    }

    /// <summary>Waits for the next inbound stream; throws <see cref="IOException"/> once the session ended.</summary>
    public async ValueTask<YamuxStream> AcceptStreamAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await _acceptQueue.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (ChannelClosedException ex)
        {
            throw new IOException("yamux session is closed", TerminationError ?? ex);
        }
    }

    /// <summary>Sends a yamux ping and returns the round-trip time.</summary>
    public async Task<TimeSpan> PingAsync(CancellationToken cancellationToken)
    {
        uint id = Interlocked.Increment(ref _nextPingId);
        var waiter = new TaskCompletionSource<TimeSpan>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pings[id] = (waiter, Stopwatch.GetTimestamp());
        try
        {
            EnqueueControl(YamuxFrameType.Ping, YamuxFrameFlags.Syn, 0, id);
            return await waiter.Task.WaitAsync(Options.PingTimeout, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _pings.TryRemove(id, out _);
        }
    }

    /// <summary>Closes gracefully: GoAway(normal), flush what is queued (bounded), then close the channel.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!IsClosed)
        {
            _localGoAway = true;
            EnqueueControl(YamuxFrameType.GoAway, YamuxFrameFlags.None, 0, (uint)YamuxGoAwayCode.Normal);
            _writerWake.Writer.TryComplete();
            try
            {
                await _writeLoop.WaitAsync(Options.CloseTimeout).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                LogCloseTimeout(_logger);
            }

            Terminate(null);
        }

        await _readLoop.ConfigureAwait(false);
        await DisposeChannelAsync().ConfigureAwait(false);
        _shutdown.Dispose();
    }

    /// <summary>Tears the session down at once, failing every stream.</summary>
    public void Abort(Exception? reason = null)
    {
        Terminate(reason ?? new IOException("yamux session aborted"));
        _channel.Abort();
    }

    internal void EnqueueControl(YamuxFrameType type, YamuxFrameFlags flags, uint streamId, uint length)
    {
        bool overflow = false;
        lock (_writeGate)
        {
            if (_writerClosed)
            {
                return;
            }

            if (_pendingCount > Options.WriteHighWater + Options.MaxPendingControlBytes)
            {
                overflow = true;
            }
            else
            {
                EnsureCapacity(YamuxHeader.Size);
                new YamuxHeader(type, flags, streamId, length).Write(_pending.AsSpan(_pendingCount));
                _pendingCount += YamuxHeader.Size;
            }
        }

        if (overflow)
        {
            Terminate(new YamuxProtocolException("yamux: the remote does not read its control frames"));
            _channel.Abort();
            return;
        }

        _writerWake.Writer.TryWrite(true);
    }

    internal async ValueTask EnqueueDataAsync(uint streamId, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task wait;
            lock (_writeGate)
            {
                if (_writerClosed)
                {
                    throw new YamuxStreamResetException("the connection closed", TerminationError ?? new IOException("yamux session closed"));
                }

                if (_pendingCount < Options.WriteHighWater)
                {
                    EnsureCapacity(YamuxHeader.Size + payload.Length);
                    new YamuxHeader(YamuxFrameType.Data, YamuxFrameFlags.None, streamId, (uint)payload.Length).Write(_pending.AsSpan(_pendingCount));
                    payload.Span.CopyTo(_pending.AsSpan(_pendingCount + YamuxHeader.Size));
                    _pendingCount += YamuxHeader.Size + payload.Length;
                    break;
                }

                _drained ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                wait = _drained.Task;
            }

            await wait.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        _writerWake.Writer.TryWrite(true);
    }

    internal void RemoveStream(YamuxStream stream)
    {
        lock (_streams)
        {
            if (!_streams.Remove(stream.Id))
            {
                return;
            }

            if (stream.IsOutbound)
            {
                _outboundCount--;
            }
            else
            {
                _inboundCount--;
            }

            if (_streams.Count == 0)
            {
                _idleSince = Stopwatch.GetTimestamp();
            }
        }

        Interlocked.Add(ref _windowGrowth, -stream.WindowGrowth);
    }

    internal bool TryReserveWindowGrowth(int grow)
    {
        if (Interlocked.Add(ref _windowGrowth, grow) > Options.MaxSessionWindow)
        {
            Interlocked.Add(ref _windowGrowth, -grow);
            return false;
        }

        return true;
    }

    private void EnsureCapacity(int extra)
    {
        int needed = _pendingCount + extra;
        if (needed > _pending.Length)
        {
            Array.Resize(ref _pending, Math.Max(needed, _pending.Length * 2));
        }
    }

    private async Task WriteLoopAsync()
    {
        try
        {
            while (await _writerWake.Reader.WaitToReadAsync(_shutdown.Token).ConfigureAwait(false))
            {
                _writerWake.Reader.TryRead(out _);
                while (true)
                {
                    int count;
                    byte[] buffer;
                    TaskCompletionSource? drained;
                    lock (_writeGate)
                    {
                        if (_pendingCount == 0)
                        {
                            break;
                        }

                        (_pending, _writing) = (_writing, _pending);
                        buffer = _writing;
                        count = _pendingCount;
                        _pendingCount = 0;
                        drained = _drained;
                        _drained = null;
                    }

                    drained?.TrySetResult();
                    await _channel.WriteAsync(buffer.AsMemory(0, count), _shutdown.Token).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (_shutdown.IsCancellationRequested)
        {
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or InvalidOperationException or P2pProtocolException or System.Net.Sockets.SocketException or System.Net.WebSockets.WebSocketException)
        {
            Terminate(ex);
            _channel.Abort();
        }
    }

    private async Task KeepAliveLoopAsync()
    {
        try
        {
            await PingAsync(_shutdown.Token).ConfigureAwait(false);
            if (Options.KeepAliveInterval <= TimeSpan.Zero)
            {
                return;
            }

            using var timer = new PeriodicTimer(Options.KeepAliveInterval);
            while (await timer.WaitForNextTickAsync(_shutdown.Token).ConfigureAwait(false))
            {
                await PingAsync(_shutdown.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (_shutdown.IsCancellationRequested)
        {
        }
        catch (TimeoutException ex)
        {
            Terminate(new IOException("yamux keep-alive ping timed out", ex));
            _channel.Abort();
        }
        catch (IOException)
        {
            // The session already ended.
        }
    }

    private async Task ReadLoopAsync()
    {
        Exception? error = null;
        byte[] header = new byte[YamuxHeader.Size];
        int headerFill = 0;
        YamuxStream? target = null;
        uint remaining = 0;
        YamuxFrameFlags trailingFlags = YamuxFrameFlags.None;
        try
        {
            while (true)
            {
                ReadOnlyMemory<byte> chunk = await _channel.ReadAsync(_shutdown.Token).ConfigureAwait(false);
                if (chunk.IsEmpty)
                {
                    error = _localGoAway || _remoteGoAway ? null : new IOException("the remote closed the connection");
                    break;
                }

                while (!chunk.IsEmpty)
                {
                    if (remaining > 0)
                    {
                        int n = (int)Math.Min(remaining, (uint)chunk.Length);
                        target?.OnDataReceived(chunk.Span[..n]);
                        chunk = chunk[n..];
                        remaining -= (uint)n;
                        if (remaining == 0 && target is not null)
                        {
                            ApplyStreamFlags(target, trailingFlags);
                            target = null;
                        }

                        continue;
                    }

                    int take = Math.Min(YamuxHeader.Size - headerFill, chunk.Length);
                    chunk.Span[..take].CopyTo(header.AsSpan(headerFill));
                    headerFill += take;
                    chunk = chunk[take..];
                    if (headerFill < YamuxHeader.Size)
                    {
                        continue;
                    }

                    headerFill = 0;
                    (target, remaining, trailingFlags) = HandleFrame(YamuxHeader.Read(header));
                }
            }
        }
        catch (OperationCanceledException) when (_shutdown.IsCancellationRequested)
        {
        }
        catch (YamuxProtocolException ex)
        {
            error = ex;
            LogProtocolError(_logger, ex.Message);
            EnqueueControl(YamuxFrameType.GoAway, YamuxFrameFlags.None, 0, (uint)YamuxGoAwayCode.ProtocolError);
            _writerWake.Writer.TryComplete();
            try
            {
                await _writeLoop.WaitAsync(TimeSpan.FromSeconds(1)).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
            }
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or InvalidOperationException or P2pProtocolException or System.Net.Sockets.SocketException or System.Net.WebSockets.WebSocketException)
        {
            error = ex;
        }
        finally
        {
            Terminate(error);
            await _writeLoop.ConfigureAwait(false);
            await _keepAliveLoop.ConfigureAwait(false);
            await DisposeChannelAsync().ConfigureAwait(false);
        }
    }

    private (YamuxStream? Target, uint Remaining, YamuxFrameFlags TrailingFlags) HandleFrame(YamuxHeader frame)
    {
        switch (frame.Type)
        {
            case YamuxFrameType.Ping:
                if (frame.StreamId != 0)
                {
                    throw new YamuxProtocolException($"yamux: ping on stream {frame.StreamId}");
                }

                if (frame.Flags == YamuxFrameFlags.Syn)
                {
                    EnqueueControl(YamuxFrameType.Ping, YamuxFrameFlags.Ack, 0, frame.Length);
                }
                else if (frame.Flags == YamuxFrameFlags.Ack && _pings.TryRemove(frame.Length, out var ping))
                {
                    TimeSpan rtt = Stopwatch.GetElapsedTime(ping.Started);
                    Interlocked.Exchange(ref _rttTicks, Math.Max(1, rtt.Ticks));
                    ping.Waiter.TrySetResult(rtt);
                }

                // A stray or mismatched pong is ignored (go does the same); only SYN needs an answer.
                return (null, 0, YamuxFrameFlags.None);

            case YamuxFrameType.GoAway:
                if (frame.StreamId != 0)
                {
                    throw new YamuxProtocolException($"yamux: go-away on stream {frame.StreamId}");
                }

                _remoteGoAway = true;
                LogRemoteGoAway(_logger, frame.Length);
                if (frame.Length != (uint)YamuxGoAwayCode.Normal)
                {
                    throw new IOException($"the remote ended the session with go-away code {frame.Length}");
                }

                return (null, 0, YamuxFrameFlags.None);
        }

        if (frame.StreamId == 0)
        {
            throw new YamuxProtocolException($"yamux: {frame.Type} frame on stream 0");
        }

        YamuxStream? stream;
        if ((frame.Flags & YamuxFrameFlags.Syn) != 0)
        {
            stream = AcceptRemoteStream(frame.StreamId);
        }
        else
        {
            lock (_streams)
            {
                _streams.TryGetValue(frame.StreamId, out stream);
            }
        }

        if (frame.Type == YamuxFrameType.WindowUpdate)
        {
            if (stream is not null)
            {
                stream.OnWindowUpdate(frame.Length);
                ApplyStreamFlags(stream, frame.Flags);
            }

            return (null, 0, YamuxFrameFlags.None);
        }

        // Data
        if (stream is not null && !stream.TryReserveReceive(frame.Length))
        {
            throw new YamuxProtocolException($"yamux: {frame.Length} bytes on stream {frame.StreamId} exceed its receive window");
        }

        if (stream is null && frame.Length > Options.MaxStreamWindow)
        {
            throw new YamuxProtocolException($"yamux: data frame of {frame.Length} bytes on unknown stream {frame.StreamId}");
        }

        if (frame.Length == 0)
        {
            if (stream is not null)
            {
                ApplyStreamFlags(stream, frame.Flags);
            }

            return (null, 0, YamuxFrameFlags.None);
        }

        // The payload of an unknown (reset or refused) stream is read and dropped.
        return (stream, frame.Length, frame.Flags);
    }

    private YamuxStream? AcceptRemoteStream(uint id)
    {
        bool remoteParity = (id & 1) == (IsClient ? 0u : 1u);
        if (!remoteParity)
        {
            throw new YamuxProtocolException($"yamux: the remote opened stream {id} with our parity (both sides are {(IsClient ? "clients" : "servers")})");
        }

        YamuxStream stream;
        lock (_streams)
        {
            if (_streams.ContainsKey(id))
            {
                throw new YamuxProtocolException($"yamux: duplicate SYN for stream {id}");
            }

            if (_terminated || _localGoAway || _inboundCount >= Options.MaxInboundStreams || _acceptQueue.Reader.Count >= Options.AcceptBacklog)
            {
                LogStreamRefused(_logger, id, _inboundCount, _acceptQueue.Reader.Count);
                stream = null!;
            }
            else
            {
                stream = new YamuxStream(this, id, isOutbound: false);
                _streams.Add(id, stream);
                _inboundCount++;
            }
        }

        if (stream is null)
        {
            EnqueueControl(YamuxFrameType.WindowUpdate, YamuxFrameFlags.Rst, id, 0);
            return null;
        }

        EnqueueControl(YamuxFrameType.WindowUpdate, YamuxFrameFlags.Ack, id, 0);
        _acceptQueue.Writer.TryWrite(stream);
        return stream;
    }

    private static void ApplyStreamFlags(YamuxStream stream, YamuxFrameFlags flags)
    {
        if ((flags & YamuxFrameFlags.Rst) != 0)
        {
            stream.OnRemoteReset();
        }
        else if ((flags & YamuxFrameFlags.Fin) != 0)
        {
            stream.OnRemoteFin();
        }
    }

    private void Terminate(Exception? error)
    {
        List<YamuxStream> streams;
        lock (_streams)
        {
            if (_terminated)
            {
                return;
            }

            _terminated = true;
            streams = [.. _streams.Values];
            _streams.Clear();
        }

        TerminationError = error;
        TaskCompletionSource? drained;
        lock (_writeGate)
        {
            _writerClosed = true;
            drained = _drained;
            _drained = null;
        }

        drained?.TrySetResult();
        foreach (YamuxStream stream in streams)
        {
            stream.OnSessionTerminated(error);
        }

        _acceptQueue.Writer.TryComplete();
        foreach (var ping in _pings.Values)
        {
            ping.Waiter.TrySetException(new IOException("yamux session closed", error));
        }

        _writerWake.Writer.TryComplete();
        _shutdown.Cancel();
        if (error is not null)
        {
            LogSessionFailed(_logger, error.Message);
        }

        _completion.TrySetResult();
    }

    private async ValueTask DisposeChannelAsync()
    {
        if (Interlocked.Exchange(ref _channelDisposed, 1) == 0)
        {
            await _channel.DisposeAsync().ConfigureAwait(false);
        }
    }

    [LoggerMessage(EventId = 104_100, Level = LogLevel.Debug, Message = "yamux session ended: {Reason}")]
    private static partial void LogSessionFailed(ILogger logger, string reason);

    [LoggerMessage(EventId = 104_101, Level = LogLevel.Warning, Message = "yamux protocol violation by the remote: {Reason}")]
    private static partial void LogProtocolError(ILogger logger, string reason);

    [LoggerMessage(EventId = 104_102, Level = LogLevel.Debug, Message = "yamux remote sent go-away code {Code}")]
    private static partial void LogRemoteGoAway(ILogger logger, uint code);

    [LoggerMessage(EventId = 104_103, Level = LogLevel.Information, Message = "yamux refused inbound stream {StreamId}: {Inbound} open, {Backlog} waiting to be accepted")]
    private static partial void LogStreamRefused(ILogger logger, uint streamId, int inbound, int backlog);

    [LoggerMessage(EventId = 104_104, Level = LogLevel.Debug, Message = "yamux close timed out flushing queued frames")]
    private static partial void LogCloseTimeout(ILogger logger);
}
