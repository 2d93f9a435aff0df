// SPDX-License-Identifier: Apache-2.0

using Lineage.Marine.AquaVm;
using Lineage.Marine.Hosting;
using Lineage.Node.Diagnostics;
using Lineage.P2p;
using Lineage.P2p.Hosting;
using Lineage.P2p.Identity;
using Lineage.P2p.Kademlia;
using Lineage.P2p.Multiaddresses;
using Lineage.Peer.Actors;
using Lineage.Peer.AquaVm;
using Lineage.Peer.Builtins;
using Lineage.Peer.Network;
using Lineage.Peer.Particles;
using Lineage.Peer.Services;
using Microsoft.Extensions.Logging;

namespace Lineage.Node.Fluence;

/// <summary>
/// The node's Fluence peer (fluence-peer.md §8): a libp2p host on TCP and WebSocket with the node's ed25519 key,
/// Kademlia on <c>/fluence/kad/NETWORK/1.0.0</c> for peer discovery, <c>/fluence/particle/2.0.0</c> feeding the
/// particle processor, the official AquaVM in process, the builtins plus the node's own services, hosted Marine
/// services (<c>srv</c>/<c>dist</c>/<c>stat</c>), the bootstrap connections, and the loop that reaps expired actors.
/// All background loops are owned and awaited on dispose.
/// </summary>
public sealed class FluencePeer : IAsyncDisposable
{
    private static readonly TimeSpan s_bootstrapCheck = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan s_bootstrapBackoffStep = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan s_bootstrapBackoffMax = TimeSpan.FromSeconds(60);

    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _loops = [];
    private readonly InProcessAquaVm _aquaVm;
    private readonly ServiceManager _services;
    private readonly ILogger _logger;
    private int _disposed;

    private FluencePeer(Libp2pHost host, KademliaDht kademlia, ParticleProtocol protocol, ParticleProcessor processor, InProcessAquaVm aquaVm, ServiceManager services, ILogger logger)
    {
        _services = services;
        Host = host;
        Kademlia = kademlia;
        Protocol = protocol;
        Processor = processor;
        _aquaVm = aquaVm;
        _logger = logger;
    }

    /// <summary>The libp2p host.</summary>
    public Libp2pHost Host { get; }

    /// <summary>Kademlia (peer discovery and <c>kad.neighborhood</c> only, as in nox).</summary>
    public KademliaDht Kademlia { get; }

    /// <summary><c>/fluence/particle/2.0.0</c>: inbound frames and outbound routing.</summary>
    public ParticleProtocol Protocol { get; }

    /// <summary>The particle pipeline (admission, actors, AquaVM, builtins).</summary>
    public ParticleProcessor Processor { get; }

    /// <summary>The peer id (<c>12D3KooW…</c>).</summary>
    public PeerId PeerId => Host.PeerId;

    /// <summary>AquaVM instances in the pool.</summary>
    public int AquaVmPoolSize => _aquaVm.PoolSize;

    /// <summary>The bound TCP address with <c>/p2p/PEER_ID</c>.</summary>
    public Multiaddr TcpAddress => Host.ListenAddresses.First(a => !a.Has(MultiaddrProtocol.Ws)).WithPeerId(PeerId);

    /// <summary>The bound WebSocket address with <c>/p2p/PEER_ID</c> (what js-client dials).</summary>
    public Multiaddr WsAddress => Host.ListenAddresses.First(a => a.Has(MultiaddrProtocol.Ws)).WithPeerId(PeerId);

    /// <summary>
    /// Loads AquaVM, binds both listeners and starts serving particles; dials the bootstrap peers in the background.
    /// </summary>
    /// <param name="settings">Listen addresses, limits, bootstrap peers.</param>
    /// <param name="seed">The node's 32-byte ed25519 seed (libp2p identity and AquaVM's signing key).</param>
    /// <param name="services">The node's own services (e.g. the Lineage <c>transaction</c> service), served like builtins.</param>
    /// <param name="loggerFactory">Logs of the host, Kademlia and the particle pipeline.</param>
    /// <param name="cancellationToken">Cancels start-up.</param>
    public static async Task<FluencePeer> StartAsync(
        FluencePeerSettings settings,
        ReadOnlyMemory<byte> seed,
        IEnumerable<IBuiltinService> services,
        ILoggerFactory loggerFactory,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        ILogger logger = loggerFactory.CreateLogger("Lineage.Node.Fluence");

        // Compiling the 6 MB avm.wasm is the slow part of start-up: off the caller's thread.
        long started = Environment.TickCount64;
        InProcessAquaVm aquaVm = await Task.Run(
            () => InProcessAquaVm.Load(settings.AvmWasmPath, new AquaVmOptions { PoolSize = settings.AquaVmPoolSize }, loggerFactory.CreateLogger("Lineage.Marine.AquaVm")),
            cancellationToken).ConfigureAwait(false);
        Log.AquaVmLoaded(logger, aquaVm.PoolSize, settings.AvmWasmPath, Environment.TickCount64 - started);

        FluencePeer peer;
        try
        {
            var host = new Libp2pHost(
                new HostOptions
                {
                    Identity = PrivateKey.FromEd25519Seed(seed.Span),
                    ListenAddresses = [settings.Tcp, settings.Ws],
                    AgentVersion = "lineage/0.1.0",
                    ProtocolVersion = ParticleProtocol.ProtocolId,
                },
                loggerFactory);
            var kademlia = new KademliaDht(
                host,
                new KadOptions { ProtocolId = $"/fluence/kad/{settings.Network}/1.0.0", RequestTimeout = TimeSpan.FromSeconds(3) },
                loggerFactory.CreateLogger<KademliaDht>());
            var protocol = new ParticleProtocol(host, settings.MaxParticleBytes, kademlia, loggerFactory.CreateLogger<ParticleProtocol>());
            var identity = new PeerScopeIdentity(seed.Span);
            var view = new Libp2pNodeView(host, kademlia);
            ServiceManager hosted = ServiceManager.Open(
                new ServiceManagerOptions
                {
                    DataDirectory = settings.ServicesDirectory,
                    HostPeerId = identity.PeerId,
                    ManagementPeerIds = new HashSet<string>(settings.ManagementPeerIds, StringComparer.Ordinal),
                    Marine = new MarineHostOptions { AllowedMountedBinaries = new HashSet<string>(settings.AllowedBinaries, StringComparer.Ordinal) },
                    VaultDirectory = settings.VaultDirectory,
                },
                loggerFactory);
            var vault = new VaultService(settings.VaultDirectory, identity.Key);
            List<IBuiltinService> builtins =
            [
                new OpService(), new PeerService(view, TimeProvider.System, "lineage", settings.AllowedBinaries), new KademliaService(view),
                new SigService(identity.Key), new DebugService(), new MathService("math"), new MathService("cmp"), new ArrayService(),
                new JsonService(), vault, new ConsoleService(loggerFactory.CreateLogger("Lineage.Peer.Console")),
                new SrvService(hosted), new DistService(hosted, vault), new StatService(hosted),
                .. services,
            ];
            var processor = new ParticleProcessor(
                aquaVm,
                identity,
                new BuiltinDispatcher(builtins, new HostedServiceDispatcher(hosted, identity.Key)),
                protocol,
                admission: new ParticleAdmission(TimeProvider.System, loggerFactory.CreateLogger<ParticleAdmission>(), settings.MaxParticleLifetime),
                logger: loggerFactory.CreateLogger<ParticleProcessor>());
            protocol.Attach(processor);
            peer = new FluencePeer(host, kademlia, protocol, processor, aquaVm, hosted, logger);
        }
        catch
        {
            aquaVm.Dispose();
            throw;
        }

        try
        {
            await peer.Host.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await peer.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        peer.Kademlia.Start();
        peer._loops.Add(Task.Run(() => peer.SweepLoopAsync(settings.SweepInterval, peer._stop.Token), CancellationToken.None));
        foreach (Multiaddr bootstrap in settings.Bootstrap)
        {
            peer._loops.Add(Task.Run(() => peer.BootstrapLoopAsync(bootstrap, peer._stop.Token), CancellationToken.None));
        }

        return peer;
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(_loops).ConfigureAwait(false);
        await Processor.DisposeAsync().ConfigureAwait(false);
        await Kademlia.DisposeAsync().ConfigureAwait(false);
        await Host.DisposeAsync().ConfigureAwait(false);
        _services.Dispose();
        _aquaVm.Dispose();
        _stop.Dispose();
    }

    private async Task SweepLoopAsync(TimeSpan interval, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                await Processor.SweepExpiredAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    // nox connectivity.rs: keep every bootstrap peer connected, redialling with a backoff that grows by 5 s up to
    // 60 s; after a (re)connection, a Kademlia self-lookup fills the routing table with the peers it knows.
    private async Task BootstrapLoopAsync(Multiaddr address, CancellationToken cancellationToken)
    {
        PeerId peer = address.PeerId!;
        Multiaddr transportAddress = address.WithoutPeerId();
        int failures = 0;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                if (Host.Connections.Get(peer) is not null)
                {
                    await Task.Delay(s_bootstrapCheck, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                try
                {
                    await Host.DialAsync(address, cancellationToken).ConfigureAwait(false);
                    Kademlia.AddPeer(peer, [transportAddress]);
                    failures = 0;
                    Log.BootstrapConnected(_logger, address);
                    await Kademlia.GetClosestPeersAsync(PeerId.ToBytes(), cancellationToken).ConfigureAwait(false);
                }
                catch (Exception error) when (error is IOException or P2pProtocolException or TimeoutException or System.Net.Sockets.SocketException or InvalidOperationException
                    || (error is OperationCanceledException && !cancellationToken.IsCancellationRequested))
                {
                    failures++;
                    TimeSpan backoff = TimeSpan.FromTicks(Math.Min(s_bootstrapBackoffStep.Ticks * failures, s_bootstrapBackoffMax.Ticks));
                    Log.BootstrapFailed(_logger, address, error.Message, backoff.TotalSeconds);
                    await Task.Delay(backoff, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }
}
