// SPDX-License-Identifier: Apache-2.0

using Lineage.Marine.Hosting;

namespace Lineage.Peer.Services;

/// <summary>Where and under which policy the node hosts deployed Marine services.</summary>
public sealed record ServiceManagerOptions
{
    /// <summary>The node's data directory: modules/, blueprints/, services/ and workdir/ live under it.</summary>
    public required string DataDirectory { get; init; }

    /// <summary>The node's peer id: may deploy, alias and remove on its own scope.</summary>
    public required string HostPeerId { get; init; }

    /// <summary>
    /// Peers with the node's management rights (nox <c>management_peer_id</c>): may deploy, alias, and remove any
    /// service. Everyone else may only call services and read the registry.
    /// </summary>
    public IReadOnlySet<string> ManagementPeerIds { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Host policy for every service (allowed mounted binaries, call time-out, memory limit).</summary>
    public MarineHostOptions Marine { get; init; } = new();

    /// <summary>The particle vault root (<c>VaultService</c>'s), mapped read-write at <c>/tmp/vault</c> in every module as nox does; null maps nothing.</summary>
    public string? VaultDirectory { get; init; }

    /// <summary>Environment variables given to every module (nox <c>services_envs</c>); module envs override them.</summary>
    public IReadOnlyDictionary<string, string> Envs { get; init; } = new Dictionary<string, string>();

    /// <summary>Largest module <c>dist.add_module*</c> accepts.</summary>
    public long MaxModuleSize { get; init; } = 64L << 20;
}
