// SPDX-License-Identifier: Apache-2.0

using Lineage.P2p.Hosting;
using Lineage.P2p.Kademlia;
using Lineage.Peer.Actors;
using Lineage.Peer.Particles;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Lineage.Peer.Network;

/// <summary>
/// <c>/fluence/particle/2.0.0</c> on a libp2p host (fluence-peer.md §4, §8): inbound streams carry exactly one
/// length-prefixed particle, which goes through admission into the processor; outbound, each particle gets a new
/// stream that is closed after one frame. Peers are reached when connected, else dialled from the peer store, else
/// looked up through Kademlia (nox <c>resolve_contact</c>) and dialled; a client is reached only while it is connected
/// to this node (its relay).
/// </summary>
public sealed class ParticleProtocol : IParticleRouter
{
    public const string ProtocolId = "/fluence/particle/2.0.0";

    private static readonly TimeSpan s_closeLinger = TimeSpan.FromSeconds(2);

    private readonly Libp2pHost _host;
    private readonly int _maxMessageSize;
    private readonly KademliaDht? _discovery;
    private readonly ILogger _logger;
    private ParticleProcessor? _processor;

    /// <param name="host">The libp2p host the protocol runs on.</param>
    /// <param name="maxMessageSize">Largest particle frame accepted; larger frames are refused before they are read.</param>
    /// <param name="discovery">Kademlia used to find the addresses of peers neither connected nor in the peer store.</param>
    /// <param name="logger">Malformed frames and failed sends are logged here.</param>
    public ParticleProtocol(Libp2pHost host, int maxMessageSize = ParticleFrame.DefaultMaxMessageSize, KademliaDht? discovery = null, ILogger<ParticleProtocol>? logger = null)
    {
        _host = host ?? throw new ArgumentNullException(nameof(host));
        _maxMessageSize = maxMessageSize;
        _discovery = discovery;
        _logger = logger ?? NullLogger<ParticleProtocol>.Instance;
    }

    /// <summary>Raised after a particle was written to a peer (target peer id, particle id): for metrics and tests.</summary>
    public event Action<string, string>? ParticleSent;

    /// <summary>
    /// Raised when an inbound particle is refused before execution (sender peer id, reason: <c>malformed</c> for
    /// frames that do not decode or exceed the size limit, else the admission verdict): for metrics and tests.
    /// </summary>
    public event Action<string, string>? ParticleRejected;

    /// <summary>Registers the stream handler that feeds <paramref name="processor"/>.</summary>
    public void Attach(ParticleProcessor processor)
    {
        _processor = processor ?? throw new ArgumentNullException(nameof(processor));
        _host.SetHandler(ProtocolId, HandleAsync);
    }

    public async ValueTask<bool> SendAsync(string peerId, Particle particle, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(particle);
        if (!P2p.Identity.PeerId.TryParse(peerId, out P2p.Identity.PeerId? target))
        {
            return false;
        }

        try
        {
            Connection? connection = _host.Connections.Get(target);
            if (connection is null)
            {
                if (_host.PeerStore.GetAddresses(target).Count == 0 && !await DiscoverAsync(target, particle.Id, cancellationToken).ConfigureAwait(false))
                {
                    return false;
                }

                connection = await _host.DialAsync(target, cancellationToken).ConfigureAwait(false);
            }

            await using P2pStream stream = await connection.OpenStreamAsync(ProtocolId, cancellationToken).ConfigureAwait(false);
            await ParticleFrame.WriteAsync(stream.Stream, particle, cancellationToken).ConfigureAwait(false);
            await stream.CloseWriteAsync(cancellationToken).ConfigureAwait(false);
            ParticleSent?.Invoke(peerId, particle.Id);
            await ReleaseAsync(stream, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception error) when (error is IOException or P2p.P2pProtocolException or TimeoutException or InvalidOperationException or System.Net.Sockets.SocketException
            or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            Log.SendFailed(_logger, particle.Id, peerId, error.Message);
            return false;
        }
    }

    // A yamux stream counts against the connection's stream limit until both sides have closed it. js-client reads
    // the frame but never closes its side, so after 500 particles to one client every send failed. Wait briefly for
    // the remote's close (peers running this protocol close at once), then reset: the frame is delivered by then.
    private static async Task ReleaseAsync(P2pStream stream, CancellationToken cancellationToken)
    {
        using var linger = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        linger.CancelAfter(s_closeLinger);
        byte[] sink = new byte[16];
        try
        {
            while (await stream.Stream.ReadAsync(sink, linger.Token).ConfigureAwait(false) > 0)
            {
            }
        }
        catch (Exception error) when (error is OperationCanceledException or IOException)
        {
            stream.Reset();
        }
    }

    private async Task<bool> DiscoverAsync(P2p.Identity.PeerId target, string particleId, CancellationToken cancellationToken)
    {
        KadPeer? found = _discovery is null ? null : await _discovery.FindPeerAsync(target, cancellationToken).ConfigureAwait(false);
        if (found is null)
        {
            Log.ContactNotFound(_logger, particleId, target);
            return false;
        }

        _host.PeerStore.AddAddresses(target, found.Addresses);
        Log.ContactDiscovered(_logger, particleId, target, found.Addresses.Count);
        return true;
    }

    private async Task HandleAsync(P2pStream stream, CancellationToken cancellationToken)
    {
        string from = stream.RemotePeer.ToString();
        Particle particle;
        try
        {
            byte[] payload = await ParticleFrame.ReadPayloadAsync(stream.Stream, _maxMessageSize, cancellationToken).ConfigureAwait(false);
            particle = ParticleCodec.Decode(payload);
        }
        catch (Exception error) when (error is ParticleFormatException or EndOfStreamException or IOException)
        {
            Log.MalformedMessage(_logger, from, error.Message);
            stream.Reset();
            ParticleRejected?.Invoke(from, "malformed");
            return;
        }

        ParticleVerdict verdict = _processor?.Ingest(particle, from) ?? ParticleVerdict.Accepted;
        if (verdict != ParticleVerdict.Accepted)
        {
            ParticleRejected?.Invoke(from, verdict.ToString());
        }
    }
}
