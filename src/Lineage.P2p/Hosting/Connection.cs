// SPDX-License-Identifier: Apache-2.0

using Lineage.P2p.Identity;
using Lineage.P2p.Multiaddresses;
using Lineage.P2p.Multistream;
using Lineage.P2p.Yamux;

namespace Lineage.P2p.Hosting;

/// <summary>An authenticated, multiplexed connection to a peer (TCP or WS → Noise → yamux).</summary>
public sealed class Connection : IAsyncDisposable
{
    private readonly Libp2pHost _host;
    private readonly CancellationTokenSource _closing = new();

    internal Connection(Libp2pHost host, YamuxSession session, PeerId remotePeer, PublicKey remoteKey, Multiaddr localAddress, Multiaddr remoteAddress, ConnectionDirection direction, string muxerNegotiation)
    {
        _host = host;
        Session = session;
        RemotePeer = remotePeer;
        RemotePublicKey = remoteKey;
        LocalAddress = localAddress;
        RemoteAddress = remoteAddress;
        Direction = direction;
        MuxerNegotiation = muxerNegotiation;
        Opened = DateTimeOffset.UtcNow;
    }

    public PeerId RemotePeer { get; }

    public PublicKey RemotePublicKey { get; }

    public Multiaddr LocalAddress { get; }

    /// <summary>The remote's transport address (without <c>/p2p/</c>).</summary>
    public Multiaddr RemoteAddress { get; }

    public ConnectionDirection Direction { get; }

    public DateTimeOffset Opened { get; }

    /// <summary>"inlined" when Noise chose the muxer, "multistream" otherwise.</summary>
    public string MuxerNegotiation { get; }

    public string Security { get; } = "/noise";

    public string Muxer { get; } = YamuxOptions.ProtocolId;

    public bool IsClosed => Session.IsClosed;

    /// <summary>Completes when the connection has closed.</summary>
    public Task Closed => Session.Completion;

    public int StreamCount => Session.StreamCount;

    public TimeSpan IdleTime => Session.IdleTime;

    internal YamuxSession Session { get; }

    internal CancellationToken ClosingToken => _closing.Token;

    /// <summary>Opens a stream and negotiates the first protocol of <paramref name="protocols"/> the remote supports.</summary>
    public async Task<P2pStream> OpenStreamAsync(IReadOnlyList<string> protocols, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(protocols);
        YamuxStream stream = Session.OpenStream();
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _closing.Token);
            timeout.CancelAfter(_host.Options.NegotiationTimeout);
            string protocol = await MultistreamSelect.SelectAsync(stream.Input, stream.Output, protocols, timeout.Token).ConfigureAwait(false);
            return new P2pStream(stream, protocol, this);
        }
        catch
        {
            stream.Reset();
            throw;
        }
    }

    public Task<P2pStream> OpenStreamAsync(string protocol, CancellationToken cancellationToken) => OpenStreamAsync([protocol], cancellationToken);

    /// <summary>Measures the yamux-level round trip.</summary>
    public Task<TimeSpan> PingMuxerAsync(CancellationToken cancellationToken) => Session.PingAsync(cancellationToken);

    /// <summary>Closes gracefully (GoAway, then the transport).</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_closing.IsCancellationRequested)
        {
            await _closing.CancelAsync().ConfigureAwait(false);
        }

        await Session.DisposeAsync().ConfigureAwait(false);
    }

    public override string ToString() => $"{Direction} {RemoteAddress}/p2p/{RemotePeer}";
}
