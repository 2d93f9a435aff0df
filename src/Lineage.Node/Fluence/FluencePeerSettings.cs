// SPDX-License-Identifier: Apache-2.0

using Lineage.P2p.Multiaddresses;

namespace Lineage.Node.Fluence;

/// <summary>What <see cref="FluencePeer"/> is started with (built from the node options).</summary>
public sealed record FluencePeerSettings
{
    /// <summary>libp2p TCP listen address, e.g. <c>/ip4/127.0.0.1/tcp/0</c>.</summary>
    public required Multiaddr Tcp { get; init; }

    /// <summary>libp2p WebSocket listen address, e.g. <c>/ip4/127.0.0.1/tcp/0/ws</c>.</summary>
    public required Multiaddr Ws { get; init; }

    /// <summary>Peers (with <c>/p2p/</c>) dialled at start and redialled with backoff while disconnected.</summary>
    public IReadOnlyList<Multiaddr> Bootstrap { get; init; } = [];

    /// <summary>Kademlia network name (<c>/fluence/kad/NETWORK/1.0.0</c>).</summary>
    public string Network { get; init; } = "lineage";

    /// <summary>Path of the official avm.wasm.</summary>
    public required string AvmWasmPath { get; init; }

    /// <summary>AquaVM instances.</summary>
    public int AquaVmPoolSize { get; init; } = 2;

    /// <summary>Largest particle frame accepted.</summary>
    public int MaxParticleBytes { get; init; } = 64 * 1024 * 1024;

    /// <summary>Largest accepted <c>timestamp + ttl - now</c>.</summary>
    public TimeSpan MaxParticleLifetime { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Root of the per-particle vault directories.</summary>
    public required string VaultDirectory { get; init; }

    /// <summary>Host binaries hosted services may mount (reported by <c>peer.identify</c>).</summary>
    public IReadOnlyList<string> AllowedBinaries { get; init; } = [];

    /// <summary>Where hosted Marine services keep modules, blueprints, service records and work directories.</summary>
    public required string ServicesDirectory { get; init; }

    /// <summary>Peers besides the node itself that may deploy and remove hosted services (nox <c>management_peer_id</c>).</summary>
    public IReadOnlyList<string> ManagementPeerIds { get; init; } = [];

    /// <summary>How often expired actors and their data are reaped.</summary>
    public TimeSpan SweepInterval { get; init; } = TimeSpan.FromSeconds(5);
}
