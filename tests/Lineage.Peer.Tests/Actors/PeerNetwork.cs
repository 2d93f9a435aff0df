// SPDX-License-Identifier: Apache-2.0

using System.Collections.Concurrent;
using Lineage.Peer.Actors;
using Lineage.Peer.AquaVm;
using Lineage.Peer.Builtins;
using Lineage.Peer.Particles;

namespace Lineage.Peer.Tests.Actors;

/// <summary>
/// Several <see cref="ParticleProcessor"/>s wired by an in-memory router, all running the real AquaVM. One of
/// them plays the client: it serves the compiler's client-side services (getDataSrv, callbackSrv.response,
/// errorHandlingSrv.error) like js-client does, so compiled Aqua runs unchanged.
/// </summary>
internal sealed class PeerNetwork : IAsyncDisposable, IParticleRouter
{
    private readonly ConcurrentDictionary<string, ParticleProcessor> _peers = new();
    private readonly ConcurrentQueue<(string From, string To, string ParticleId)> _sent = new();
    private readonly ConcurrentDictionary<string, string> _clientRelays = new();

    public PeerNetwork(TimeProvider time, IAquaVm aquaVm)
    {
        Time = time;
        AquaVm = aquaVm;
    }

    public TimeProvider Time { get; }

    /// <summary>The interpreter every peer runs (shared: AquaVM keeps no state between runs).</summary>
    public IAquaVm AquaVm { get; }

    /// <summary>AquaVM runs over all peers of this network.</summary>
    public long Interpretations => _peers.Values.Sum(p => p.Interpretations);

    public IReadOnlyCollection<(string From, string To, string ParticleId)> Sent => _sent;

    /// <summary>
    /// Adds a node. <paramref name="services"/> (given the node's identity) adds builtins and the dispatcher for
    /// services the builtins do not know (deployed Marine services).
    /// </summary>
    public ParticleProcessor AddNode(
        byte seedByte,
        IBuiltinService? extra = null,
        IParticleDataStore? store = null,
        TimeProvider? admissionClock = null,
        Func<PeerScopeIdentity, (IReadOnlyList<IBuiltinService> Builtins, IServiceCallDispatcher Hosted)>? services = null)
    {
        var identity = new PeerScopeIdentity(Enumerable.Repeat(seedByte, 32).ToArray());
        var view = new NetworkView(this, identity.PeerId);
        List<IBuiltinService> builtins =
        [
            new OpService(), new PeerService(view, Time), new DebugService(), new MathService("math"), new MathService("cmp"),
            new ArrayService(), new JsonService(), new SigService(identity.Key), new KademliaService(view),
        ];
        if (extra is not null)
        {
            builtins.Add(extra);
        }

        IServiceCallDispatcher? hosted = null;
        if (services is not null)
        {
            (IReadOnlyList<IBuiltinService> more, hosted) = services(identity);
            builtins.AddRange(more);
        }

        var processor = new ParticleProcessor(AquaVm, identity, new BuiltinDispatcher(builtins, hosted), new SenderRouter(this, identity.PeerId), store, new ParticleAdmission(admissionClock ?? Time));
        _peers[identity.PeerId] = processor;
        return processor;
    }

    public ClientPeer AddClient(byte seedByte, string relayPeerId)
    {
        var client = new ClientPeer(relayPeerId);
        var identity = new PeerScopeIdentity(Enumerable.Repeat(seedByte, 32).ToArray());
        client.Identity = identity;
        client.Processor = new ParticleProcessor(AquaVm, identity, client, new SenderRouter(this, identity.PeerId), admission: new ParticleAdmission(Time));
        _peers[identity.PeerId] = client.Processor;
        _clientRelays[identity.PeerId] = relayPeerId;
        return client;
    }

    public ValueTask<bool> SendAsync(string peerId, Particle particle, CancellationToken cancellationToken) =>
        throw new NotSupportedException("use a sender-bound router");

    public async Task WhenIdleAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        // Particles hop between processors: sweep until a full pass finds every processor idle.
        for (int pass = 0; pass < 3; pass++)
        {
            foreach (ParticleProcessor p in _peers.Values)
            {
                await p.WhenIdleAsync(cts.Token);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (ParticleProcessor p in _peers.Values)
        {
            await p.DisposeAsync();
        }
    }

    private sealed class SenderRouter(PeerNetwork network, string from) : IParticleRouter
    {
        public ValueTask<bool> SendAsync(string peerId, Particle particle, CancellationToken cancellationToken)
        {
            if (!network._peers.TryGetValue(peerId, out ParticleProcessor? target)
                || (network._clientRelays.TryGetValue(peerId, out string? relay) && relay != from))
            {
                return ValueTask.FromResult(false);
            }

            // Through the wire codec, as a real hop would.
            Particle received = ParticleCodec.Decode(ParticleCodec.Encode(particle));
            network._sent.Enqueue((from, peerId, particle.Id));
            target.Ingest(received, from);
            return ValueTask.FromResult(true);
        }
    }

    private sealed class NetworkView(PeerNetwork network, string self) : INodeView
    {
        public IReadOnlyList<string> ExternalAddresses => [$"/memory/{self}"];

        public bool IsConnected(string peerId) => network._peers.ContainsKey(peerId);

        public IReadOnlyList<string>? GetAddresses(string peerId) => network._peers.ContainsKey(peerId) ? [$"/memory/{peerId}"] : null;

        public ValueTask<bool> ConnectAsync(string peerId, IReadOnlyList<string> multiaddrs, CancellationToken cancellationToken) =>
            ValueTask.FromResult(network._peers.ContainsKey(peerId));

        public ValueTask<IReadOnlyList<string>> NeighborhoodAsync(byte[] key, bool alreadyHashed, int count, CancellationToken cancellationToken) =>
            ValueTask.FromResult<IReadOnlyList<string>>([.. network._peers.Keys.Where(p => p != self).Order(StringComparer.Ordinal).Take(count)]);
    }
}
