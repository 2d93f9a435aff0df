// SPDX-License-Identifier: Apache-2.0

using Lineage.P2p.Hosting;
using Lineage.Peer.Actors;
using Lineage.Peer.Particles;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Lineage.Peer.Network;

/// <summary>
/// <c>/fluence/particle/2.0.0</c> on a libp2p host (fluence-peer.md §4, §8): inbound streams carry exactly one
/// length-prefixed particle, which goes through admission into the processor; outbound, each particle gets a new
/// stream that is closed after one frame. Peers are reached when connected, else dialled from the peer store;
/// a client is reached only while it is connected to this node (its relay).
/// </summary>
public sealed class ParticleProtocol : IParticleRouter
{
    public const string ProtocolId = "/fluence/particle/2.0.0";

    private readonly Libp2pHost _host;
    private readonly int _maxMessageSize;
    private readonly ILogger _logger;
    private ParticleProcessor? _processor;

    public ParticleProtocol(Libp2pHost host, int maxMessageSize = ParticleFrame.DefaultMaxMessageSize, ILogger<ParticleProtocol>? logger = null)
    {
        _host = host ?? throw new ArgumentNullException(nameof(host));
        _maxMessageSize = maxMessageSize;
        _logger = logger ?? NullLogger<ParticleProtocol>.Instance;
    }

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
            Connection connection = _host.Connections.Get(target) ?? await _host.DialAsync(target, cancellationToken).ConfigureAwait(false);
            await using P2pStream stream = await connection.OpenStreamAsync(ProtocolId, cancellationToken).ConfigureAwait(false);
            await ParticleFrame.WriteAsync(stream.Stream, particle, cancellationToken).ConfigureAwait(false);
            await stream.CloseWriteAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception error) when (error is IOException or P2p.P2pProtocolException or TimeoutException or InvalidOperationException or System.Net.Sockets.SocketException
            or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            Log.SendFailed(_logger, particle.Id, peerId, error.Message);
            return false;
        }
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
            return;
        }

        _processor?.Ingest(particle, from);
    }
}
