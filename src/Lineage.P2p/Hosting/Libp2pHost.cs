// SPDX-License-Identifier: Apache-2.0

using System.Buffers;
using System.Collections.Concurrent;
using System.IO.Pipelines;
using Lineage.P2p.Channels;
using Lineage.P2p.Identify;
using Lineage.P2p.Identity;
using Lineage.P2p.Multiaddresses;
using Lineage.P2p.Multistream;
using Lineage.P2p.Noise;
using Lineage.P2p.Ping;
using Lineage.P2p.Transports;
using Lineage.P2p.Yamux;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Lineage.P2p.Hosting;

/// <summary>
/// A libp2p host: listens and dials over TCP and WebSocket, upgrades every connection through
/// multistream-select → Noise XX → yamux (muxer inlined in Noise when the peer offers it), routes inbound streams
/// to handlers registered by protocol id, deduplicates concurrent dials to a peer, enforces connection limits and
/// trims idle connections. Identify and ping are built in.
/// </summary>
public sealed partial class Libp2pHost : IAsyncDisposable
{
    private static readonly string[] s_muxers = [YamuxOptions.ProtocolId];

    private readonly ILogger _logger;
    private readonly ILoggerFactory _loggerFactory;
    private readonly IReadOnlyList<ITransport> _transports;
    private readonly ConcurrentDictionary<string, StreamHandler> _handlers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<PeerId, Task<Connection>> _pendingDials = new();
    private readonly List<ITransportListener> _listeners = [];
    private readonly List<Task> _loops = [];
    private readonly ConcurrentDictionary<Task, byte> _background = new();
    private readonly CancellationTokenSource _shutdown = new();
    private int _started;
    private int _disposed;

    public Libp2pHost(HostOptions? options = null, ILoggerFactory? loggerFactory = null)
    {
        Options = options ?? new HostOptions();
        Identity = Options.Identity ?? PrivateKey.Generate();
        PeerId = Identity.PeerId;
        _loggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
        _logger = _loggerFactory.CreateLogger<Libp2pHost>();
        _transports = Options.Transports ?? [new TcpTransport(), new WebSocketTransport()];
        Connections = new ConnectionManager(Options.Limits);
        Ping = new PingService(this);
        Identify = new IdentifyService(this, _loggerFactory.CreateLogger<IdentifyService>());
        if (Options.EnablePing)
        {
            SetHandler(PingService.ProtocolId, PingService.HandleAsync);
        }

        if (Options.EnableIdentify)
        {
            SetHandler(IdentifyService.ProtocolId, Identify.HandleRequestAsync);
            SetHandler(IdentifyService.PushProtocolId, Identify.HandlePushAsync);
        }
    }

    public HostOptions Options { get; }

    public PrivateKey Identity { get; }

    public PeerId PeerId { get; }

    public ConnectionManager Connections { get; }

    public PeerStore PeerStore { get; } = new();

    public PingService Ping { get; }

    public IdentifyService Identify { get; }

    /// <summary>Bound listen addresses (real ports), without <c>/p2p/</c>.</summary>
    public IReadOnlyList<Multiaddr> ListenAddresses
    {
        get
        {
            lock (_listeners)
            {
                return _listeners.Select(l => l.Address).ToArray();
            }
        }
    }

    /// <summary>Protocols with a registered handler (what identify advertises).</summary>
    public IReadOnlyList<string> Protocols => _handlers.Keys.Order(StringComparer.Ordinal).ToArray();

    /// <summary>Raised when a connection is established (after the muxer is up).</summary>
    public event Action<Connection>? Connected;

    /// <summary>Raised when a connection has closed.</summary>
    public event Action<Connection>? Disconnected;

    internal CancellationToken ShutdownToken => _shutdown.Token;

    private IReadOnlyList<string> OfferedMuxers => Options.InlineMuxerNegotiation ? s_muxers : [];

    /// <summary>Registers (or replaces) the handler of a protocol id and pushes the new list to connected peers.</summary>
    public void SetHandler(string protocol, StreamHandler handler)
    {
        ArgumentException.ThrowIfNullOrEmpty(protocol);
        ArgumentNullException.ThrowIfNull(handler);
        _handlers[protocol] = handler;
        if (Volatile.Read(ref _started) == 1)
        {
            Identify.SchedulePush();
        }
    }

    public bool RemoveHandler(string protocol)
    {
        bool removed = _handlers.TryRemove(protocol, out _);
        if (removed && Volatile.Read(ref _started) == 1)
        {
            Identify.SchedulePush();
        }

        return removed;
    }

    /// <summary>Binds the configured listen addresses and starts accepting.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _started, 1) == 1)
        {
            throw new InvalidOperationException("the host is already started");
        }

        foreach (Multiaddr address in Options.ListenAddresses)
        {
            ITransport transport = _transports.FirstOrDefault(t => t.CanListen(address))
                ?? throw new NotSupportedException($"no transport can listen on {address}");
            ITransportListener listener = await transport.ListenAsync(address, cancellationToken).ConfigureAwait(false);
            lock (_listeners)
            {
                _listeners.Add(listener);
            }

            LogListening(_logger, listener.Address, PeerId);
            _loops.Add(Task.Run(() => AcceptLoopAsync(listener), CancellationToken.None));
        }

        _loops.Add(Task.Run(TrimLoopAsync, CancellationToken.None));
    }

    /// <summary>
    /// Dials an address. With a <c>/p2p/</c> component the remote must authenticate as that peer, an existing
    /// connection is reused and concurrent dials to the same peer share one attempt.
    /// </summary>
    public async Task<Connection> DialAsync(Multiaddr address, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(address);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) == 1, this);
        PeerId? expected = address.PeerId;
        if (expected is null)
        {
            return await DialNewAsync(address, null, cancellationToken).ConfigureAwait(false);
        }

        if (expected == PeerId)
        {
            throw new ArgumentException("refusing to dial ourselves", nameof(address));
        }

        if (Connections.Get(expected) is { } existing)
        {
            return existing;
        }

        Task<Connection> dial = _pendingDials.GetOrAdd(expected, _ => StartSharedDial(address, expected));
        return await dial.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Dials a peer at an address from the peer store (or reuses a connection).</summary>
    public async Task<Connection> DialAsync(PeerId peer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(peer);
        if (Connections.Get(peer) is { } existing)
        {
            return existing;
        }

        Multiaddr[] addresses = PeerStore.GetAddresses(peer).Where(a => _transports.Any(t => t.CanDial(a))).ToArray();
        if (addresses.Length == 0)
        {
            throw new IOException($"no dialable address known for {peer}");
        }

        Exception? last = null;
        foreach (Multiaddr address in addresses)
        {
            try
            {
                return await DialAsync(address.WithPeerId(peer), cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or P2pProtocolException or TimeoutException or System.Net.Sockets.SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                last = ex;
            }
        }

        throw new IOException($"could not reach {peer}: {last?.Message}", last);
    }

    /// <summary>Opens a stream for <paramref name="protocol"/> to the peer, dialling if needed.</summary>
    public async Task<P2pStream> NewStreamAsync(PeerId peer, string protocol, CancellationToken cancellationToken)
    {
        Connection connection = await DialAsync(peer, cancellationToken).ConfigureAwait(false);
        return await connection.OpenStreamAsync(protocol, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Opens a stream for <paramref name="protocol"/> to the peer at an address.</summary>
    public async Task<P2pStream> NewStreamAsync(Multiaddr address, string protocol, CancellationToken cancellationToken)
    {
        Connection connection = await DialAsync(address, cancellationToken).ConfigureAwait(false);
        return await connection.OpenStreamAsync(protocol, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Closes every connection to a peer.</summary>
    public async Task HangUpAsync(PeerId peer)
    {
        foreach (Connection connection in Connections.GetAll(peer))
        {
            await connection.DisposeAsync().ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _shutdown.CancelAsync().ConfigureAwait(false);
        ITransportListener[] listeners;
        lock (_listeners)
        {
            listeners = [.. _listeners];
        }

        foreach (ITransportListener listener in listeners)
        {
            await listener.DisposeAsync().ConfigureAwait(false);
        }

        await Task.WhenAll(Connections.All.Select(c => c.DisposeAsync().AsTask())).ConfigureAwait(false);
        await WaitQuietlyAsync(_loops).ConfigureAwait(false);
        await WaitQuietlyAsync(_background.Keys).ConfigureAwait(false);
        _shutdown.Dispose();
    }

    /// <summary>Runs work owned by the host (awaited on dispose, failures logged, never lost).</summary>
    internal void RunBackground(Func<CancellationToken, Task> work)
    {
        Task task = Task.Run(async () =>
        {
            try
            {
                await work(_shutdown.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                LogBackgroundFailed(_logger, ex.GetType().Name, ex.Message);
            }
        });
        _background.TryAdd(task, 0);
        task.ContinueWith(t => _background.TryRemove(t, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private Task<Connection> StartSharedDial(Multiaddr address, PeerId expected)
    {
        // The shared attempt is bounded by the dial timeout and the host's lifetime, not by the first caller.
        Task<Connection> dial = DialNewAsync(address, expected, _shutdown.Token);
        dial.ContinueWith(_ => _pendingDials.TryRemove(new KeyValuePair<PeerId, Task<Connection>>(expected, dial)), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return dial;
    }

    private async Task<Connection> DialNewAsync(Multiaddr address, PeerId? expected, CancellationToken cancellationToken)
    {
        await Task.Yield();
        ITransport transport = _transports.FirstOrDefault(t => t.CanDial(address))
            ?? throw new NotSupportedException($"no transport can dial {address}");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _shutdown.Token);
        timeout.CancelAfter(Options.DialTimeout);
        TransportConnection raw;
        try
        {
            raw = await transport.DialAsync(address, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested && !_shutdown.IsCancellationRequested)
        {
            throw new TimeoutException($"dialling {address} timed out after {Options.DialTimeout.TotalSeconds:0.#} s", ex);
        }

        try
        {
            await MultistreamSelect.SelectAsync(raw.Input, raw.Output, [NoiseHandshake.ProtocolId], timeout.Token).ConfigureAwait(false);
            NoiseResult noise = await NoiseHandshake.InitiateAsync(raw.Input, raw.Output, Identity, expected, OfferedMuxers, timeout.Token).ConfigureAwait(false);
            noise.Channel.OnDispose(raw.DisposeAsync);
            (IByteChannel channel, string negotiation) = await SelectMuxerAsync(noise, dialer: true, timeout.Token).ConfigureAwait(false);
            var session = new YamuxSession(channel, isClient: true, Options.Yamux, _loggerFactory.CreateLogger<YamuxSession>());
            var connection = new Connection(this, session, noise.RemotePeer, noise.RemotePublicKey, raw.LocalAddress, raw.RemoteAddress, ConnectionDirection.Outbound, negotiation);
            PeerStore.AddAddresses(noise.RemotePeer, [raw.RemoteAddress]);
            Register(connection);
            return connection;
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested && !_shutdown.IsCancellationRequested)
        {
            await raw.DisposeAsync().ConfigureAwait(false);
            throw new TimeoutException($"upgrading the connection to {address} timed out after {Options.DialTimeout.TotalSeconds:0.#} s", ex);
        }
        catch
        {
            await raw.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task AcceptLoopAsync(ITransportListener listener)
    {
        while (!_shutdown.IsCancellationRequested)
        {
            IncomingConnection incoming;
            try
            {
                incoming = await listener.AcceptAsync(_shutdown.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (ObjectDisposedException)
            {
                return;
            }
            catch (Exception ex) when (ex is IOException or System.Net.Sockets.SocketException)
            {
                LogAcceptFailed(_logger, listener.Address, ex.Message);
                continue;
            }

            string? refusal = Connections.TryBeginInbound();
            if (refusal is not null)
            {
                LogInboundRefused(_logger, incoming.RemoteAddress, refusal);
                incoming.Reject();
                continue;
            }

            RunBackground(ct => UpgradeInboundAsync(incoming, ct));
        }
    }

    private async Task UpgradeInboundAsync(IncomingConnection incoming, CancellationToken cancellationToken)
    {
        TransportConnection? raw = null;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(Options.InboundUpgradeTimeout);
            raw = await incoming.EstablishAsync(timeout.Token).ConfigureAwait(false);
            await MultistreamSelect.ListenAsync(raw.Input, raw.Output, p => p == NoiseHandshake.ProtocolId, () => [NoiseHandshake.ProtocolId], timeout.Token).ConfigureAwait(false);
            NoiseResult noise = await NoiseHandshake.RespondAsync(raw.Input, raw.Output, Identity, OfferedMuxers, timeout.Token).ConfigureAwait(false);
            noise.Channel.OnDispose(raw.DisposeAsync);
            (IByteChannel channel, string negotiation) = await SelectMuxerAsync(noise, dialer: false, timeout.Token).ConfigureAwait(false);
            var session = new YamuxSession(channel, isClient: false, Options.Yamux, _loggerFactory.CreateLogger<YamuxSession>());
            var connection = new Connection(this, session, noise.RemotePeer, noise.RemotePublicKey, raw.LocalAddress, raw.RemoteAddress, ConnectionDirection.Inbound, negotiation);
            raw = null;
            Register(connection);
        }
        catch (Exception ex) when (ex is IOException or P2pProtocolException or OperationCanceledException or System.Net.Sockets.SocketException or System.Net.WebSockets.WebSocketException or InvalidOperationException)
        {
            if (_logger.IsEnabled(LogLevel.Information))
            {
                LogInboundUpgradeFailed(_logger, incoming.RemoteAddress, ex.GetType().Name, ex.Message);
            }

            if (raw is not null)
            {
                await raw.DisposeAsync().ConfigureAwait(false);
            }
            else
            {
                incoming.Reject();
            }
        }
        finally
        {
            Connections.EndInbound();
        }
    }

    private static async Task<(IByteChannel Channel, string Negotiation)> SelectMuxerAsync(NoiseResult noise, bool dialer, CancellationToken cancellationToken)
    {
        if (noise.Muxer is not null)
        {
            if (noise.Muxer != YamuxOptions.ProtocolId)
            {
                throw new MultistreamException($"unsupported muxer {noise.Muxer}");
            }

            return (noise.Channel, "inlined");
        }

        // The peer sent no muxer list: negotiate yamux with multistream-select inside the secure channel,
        // keeping whatever the peer pipelined behind its answer.
        var stream = new ByteChannelStream(noise.Channel);
        PipeReader reader = PipeReader.Create(stream, new StreamPipeReaderOptions(leaveOpen: true));
        PipeWriter writer = PipeWriter.Create(stream, new StreamPipeWriterOptions(leaveOpen: true));
        if (dialer)
        {
            await MultistreamSelect.SelectAsync(reader, writer, s_muxers, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await MultistreamSelect.ListenAsync(reader, writer, p => p == YamuxOptions.ProtocolId, () => s_muxers, cancellationToken).ConfigureAwait(false);
        }

        byte[] leftover = [];
        if (reader.TryRead(out ReadResult buffered))
        {
            leftover = buffered.Buffer.ToArray();
            reader.AdvanceTo(buffered.Buffer.End);
        }

        leftover = [.. leftover, .. stream.TakeRemainder()];
        return (leftover.Length > 0 ? new PrefixedByteChannel(noise.Channel, leftover) : noise.Channel, "multistream");
    }

    private void Register(Connection connection)
    {
        string? refusal = Connections.TryAdd(connection);
        if (refusal is not null)
        {
            LogConnectionRefused(_logger, connection.RemotePeer, refusal);
            connection.Session.Start();
            RunBackground(async _ => await connection.DisposeAsync().ConfigureAwait(false));
            throw new IOException($"connection to {connection.RemotePeer} refused: {refusal}");
        }

        connection.Session.Start();
        LogConnected(_logger, connection.Direction, connection.RemotePeer, connection.RemoteAddress);
        RunBackground(ct => ServeConnectionAsync(connection, ct));
        try
        {
            Connected?.Invoke(connection);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            LogBackgroundFailed(_logger, ex.GetType().Name, ex.Message);
        }
    }

    private async Task ServeConnectionAsync(Connection connection, CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, connection.ClosingToken);
        try
        {
            while (true)
            {
                YamuxStream stream = await connection.Session.AcceptStreamAsync(linked.Token).ConfigureAwait(false);
                RunBackground(ct => ServeStreamAsync(connection, stream, ct));
            }
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException)
        {
            // The session ended.
        }
        finally
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            Connections.Remove(connection);
            if (_logger.IsEnabled(LogLevel.Debug))
            {
                LogDisconnected(_logger, connection.RemotePeer, connection.Session.TerminationError?.Message ?? "closed");
            }
            try
            {
                Disconnected?.Invoke(connection);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                LogBackgroundFailed(_logger, ex.GetType().Name, ex.Message);
            }
        }
    }

    private async Task ServeStreamAsync(Connection connection, YamuxStream stream, CancellationToken cancellationToken)
    {
        string? protocol = null;
        using var lifetime = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, connection.ClosingToken);
        cancellationToken = lifetime.Token;
        try
        {
            using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                timeout.CancelAfter(Options.NegotiationTimeout);
                protocol = await MultistreamSelect.ListenAsync(stream.Input, stream.Output, _handlers.ContainsKey, () => Protocols, timeout.Token).ConfigureAwait(false);
            }

            if (!_handlers.TryGetValue(protocol, out StreamHandler? handler))
            {
                stream.Reset();
                return;
            }

            await handler(new P2pStream(stream, protocol, connection), cancellationToken).ConfigureAwait(false);
            await stream.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            if (_logger.IsEnabled(LogLevel.Debug))
            {
                LogStreamFailed(_logger, protocol ?? "(negotiating)", connection.RemotePeer, ex.GetType().Name, ex.Message);
            }

            stream.Reset();
        }
    }

    private async Task TrimLoopAsync()
    {
        using var timer = new PeriodicTimer(Options.Limits.TrimInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(_shutdown.Token).ConfigureAwait(false))
            {
                foreach (Connection victim in Connections.SelectForTrimming())
                {
                    if (_logger.IsEnabled(LogLevel.Information))
                    {
                        LogTrimmed(_logger, victim.RemotePeer, victim.IdleTime.TotalSeconds, Connections.Count);
                    }

                    await victim.DisposeAsync().ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static async Task WaitQuietlyAsync(IEnumerable<Task> tasks)
    {
        try
        {
            await Task.WhenAll(tasks.ToArray()).WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or TimeoutException or IOException)
        {
        }
    }

    [LoggerMessage(EventId = 104_000, Level = LogLevel.Information, Message = "listening on {Address}/p2p/{PeerId}")]
    private static partial void LogListening(ILogger logger, Multiaddr address, PeerId peerId);

    [LoggerMessage(EventId = 104_001, Level = LogLevel.Debug, Message = "{Direction} connection to {PeerId} at {Address}")]
    private static partial void LogConnected(ILogger logger, ConnectionDirection direction, PeerId peerId, Multiaddr address);

    [LoggerMessage(EventId = 104_002, Level = LogLevel.Debug, Message = "connection to {PeerId} closed: {Reason}")]
    private static partial void LogDisconnected(ILogger logger, PeerId peerId, string reason);

    [LoggerMessage(EventId = 104_003, Level = LogLevel.Warning, Message = "inbound connection from {Address} refused: {Limit}")]
    private static partial void LogInboundRefused(ILogger logger, Multiaddr address, string limit);

    [LoggerMessage(EventId = 104_004, Level = LogLevel.Warning, Message = "connection to {PeerId} refused: {Limit}")]
    private static partial void LogConnectionRefused(ILogger logger, PeerId peerId, string limit);

    [LoggerMessage(EventId = 104_005, Level = LogLevel.Information, Message = "inbound upgrade from {Address} failed: {Error}: {Reason}")]
    private static partial void LogInboundUpgradeFailed(ILogger logger, Multiaddr address, string error, string reason);

    [LoggerMessage(EventId = 104_006, Level = LogLevel.Debug, Message = "stream {Protocol} from {PeerId} failed: {Error}: {Reason}")]
    private static partial void LogStreamFailed(ILogger logger, string protocol, PeerId peerId, string error, string reason);

    [LoggerMessage(EventId = 104_007, Level = LogLevel.Warning, Message = "accept on {Address} failed: {Reason}")]
    private static partial void LogAcceptFailed(ILogger logger, Multiaddr address, string reason);

    [LoggerMessage(EventId = 104_008, Level = LogLevel.Information, Message = "trimmed idle connection to {PeerId} (idle {IdleSeconds:0} s, {Count} open)")]
    private static partial void LogTrimmed(ILogger logger, PeerId peerId, double idleSeconds, int count);

    [LoggerMessage(EventId = 104_009, Level = LogLevel.Warning, Message = "background task failed: {Error}: {Reason}")]
    private static partial void LogBackgroundFailed(ILogger logger, string error, string reason);
}
