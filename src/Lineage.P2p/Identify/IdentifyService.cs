// SPDX-License-Identifier: Apache-2.0

using Lineage.P2p.Hosting;
using Lineage.P2p.Identity;
using Lineage.P2p.Protobuf;
using Microsoft.Extensions.Logging;

namespace Lineage.P2p.Identify;

/// <summary>
/// Identify (<c>/ipfs/id/1.0.0</c>) and identify-push (<c>/ipfs/id/push/1.0.0</c>). Every new connection is
/// identified; answers are written and the stream half-closed at once (js reads until EOF); responses are read
/// as up to 10 length-prefixed parts until EOF and merged. A public key that is not the Noise-authenticated
/// peer's is rejected.
/// </summary>
public sealed partial class IdentifyService
{
    public const string ProtocolId = "/ipfs/id/1.0.0";
    public const string PushProtocolId = "/ipfs/id/push/1.0.0";
    public const int MaxMessageSize = 64 * 1024;
    public const int MaxMessages = 10;
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(10);

    private readonly Libp2pHost _host;
    private readonly ILogger _logger;
    private int _pushScheduled;

    internal IdentifyService(Libp2pHost host, ILogger logger)
    {
        _host = host;
        _logger = logger;
        host.Connected += OnConnected;
    }

    /// <summary>Raised after a peer's identify (or push) was applied to the peer store.</summary>
    public event Action<PeerId, PeerInfo>? PeerIdentified;

    /// <summary>Asks the peer on <paramref name="connection"/> to identify itself and records the answer.</summary>
    public async Task<IdentifyMessage> IdentifyAsync(Connection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(s_timeout);
        P2pStream stream = await connection.OpenStreamAsync(ProtocolId, timeout.Token).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            await stream.CloseWriteAsync(timeout.Token).ConfigureAwait(false);
            IdentifyMessage message = await ReadMessagesAsync(stream, timeout.Token).ConfigureAwait(false);
            Apply(connection, message);
            return message;
        }
    }

    /// <summary>Builds what we tell <paramref name="connection"/>'s peer about ourselves.</summary>
    public IdentifyMessage CreateMessage(Connection? connection) => new()
    {
        PublicKey = _host.Identity.PublicKey.ToProtobuf(),
        ListenAddresses = _host.ListenAddresses,
        Protocols = _host.Protocols,
        ObservedAddress = connection?.RemoteAddress.WithoutPeerId(),
        ProtocolVersion = _host.Options.ProtocolVersion,
        AgentVersion = _host.Options.AgentVersion,
    };

    internal async Task HandleRequestAsync(P2pStream stream, CancellationToken cancellationToken)
    {
        LengthPrefixed.Write(stream.Output, CreateMessage(stream.Connection).Encode());
        await stream.Output.FlushAsync(cancellationToken).ConfigureAwait(false);
        await stream.CloseWriteAsync(cancellationToken).ConfigureAwait(false);
    }

    internal async Task HandlePushAsync(P2pStream stream, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(s_timeout);
        IdentifyMessage message = await ReadMessagesAsync(stream, timeout.Token).ConfigureAwait(false);
        await stream.CloseWriteAsync(timeout.Token).ConfigureAwait(false);
        Apply(stream.Connection, message);
    }

    /// <summary>Pushes our current identify to every connected peer that supports push (coalesced).</summary>
    internal void SchedulePush()
    {
        if (Interlocked.Exchange(ref _pushScheduled, 1) == 1)
        {
            return;
        }

        _host.RunBackground(async ct =>
        {
            await Task.Yield();
            Interlocked.Exchange(ref _pushScheduled, 0);
            foreach (Connection connection in _host.Connections.All)
            {
                PeerInfo? info = _host.PeerStore.Get(connection.RemotePeer);
                if (info is null || !info.Protocols.Contains(PushProtocolId))
                {
                    continue;
                }

                try
                {
                    using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
                    timeout.CancelAfter(s_timeout);
                    P2pStream stream = await connection.OpenStreamAsync(PushProtocolId, timeout.Token).ConfigureAwait(false);
                    await using (stream.ConfigureAwait(false))
                    {
                        LengthPrefixed.Write(stream.Output, CreateMessage(connection).Encode());
                        await stream.CloseWriteAsync(timeout.Token).ConfigureAwait(false);
                    }
                }
                catch (Exception ex) when (ex is IOException or P2pProtocolException or OperationCanceledException)
                {
                    LogPushFailed(_logger, connection.RemotePeer, ex.Message);
                }
            }
        });
    }

    private static async Task<IdentifyMessage> ReadMessagesAsync(P2pStream stream, CancellationToken cancellationToken)
    {
        IdentifyMessage merged = new();
        for (int i = 0; i < MaxMessages; i++)
        {
            byte[]? body = await LengthPrefixed.ReadAsync(stream.Input, MaxMessageSize, cancellationToken).ConfigureAwait(false);
            if (body is null)
            {
                return merged;
            }

            merged = merged.Merge(IdentifyMessage.Decode(body));
        }

        return merged;
    }

    private void Apply(Connection connection, IdentifyMessage message)
    {
        PublicKey? key = null;
        if (message.PublicKey is not null)
        {
            try
            {
                key = PublicKey.FromProtobuf(message.PublicKey);
            }
            catch (FormatException ex)
            {
                throw new P2pProtocolException("identify: invalid public key: " + ex.Message, ex);
            }

            if (!connection.RemotePeer.Matches(key))
            {
                throw new P2pProtocolException($"identify: the public key does not belong to {connection.RemotePeer}");
            }
        }

        PeerInfo info = _host.PeerStore.Update(connection.RemotePeer, message.ListenAddresses, message.Protocols, message.AgentVersion, message.ProtocolVersion, key, message.ObservedAddress);
        LogIdentified(_logger, connection.RemotePeer, message.AgentVersion ?? "?", message.Protocols?.Count ?? 0);
        PeerIdentified?.Invoke(connection.RemotePeer, info);
    }

    private void OnConnected(Connection connection)
    {
        if (_host.Options.EnableIdentify)
        {
            _host.RunBackground(ct => IdentifyAsync(connection, ct));
        }
    }

    [LoggerMessage(EventId = 104_200, Level = LogLevel.Debug, Message = "identified {PeerId}: agent {Agent}, {Count} protocols")]
    private static partial void LogIdentified(ILogger logger, PeerId peerId, string agent, int count);

    [LoggerMessage(EventId = 104_201, Level = LogLevel.Debug, Message = "identify push to {PeerId} failed: {Reason}")]
    private static partial void LogPushFailed(ILogger logger, PeerId peerId, string reason);
}
