// SPDX-License-Identifier: Apache-2.0

using System.Text.Json.Nodes;
using Lineage.Marine.Hosting;
using Lineage.Peer.Services;

namespace Lineage.Peer.Tests.Services;

/// <summary>A data directory in the temp folder and a <see cref="ServiceManager"/> over it that can be restarted.</summary>
internal sealed class ServiceTestBed : IDisposable
{
    public const string Host = "12D3KooWHostHostHostHostHostHostHostHostHostHost";
    public const string Manager = "12D3KooWManagerManagerManagerManagerManagerMan";

    public ServiceTestBed(TimeSpan? callTimeout = null)
    {
        DataDirectory = Directory.CreateTempSubdirectory("lineage-services-").FullName;
        Options = new ServiceManagerOptions
        {
            DataDirectory = DataDirectory,
            HostPeerId = Host,
            ManagementPeerIds = new HashSet<string>(StringComparer.Ordinal) { Manager },
            Marine = new MarineHostOptions { CallTimeout = callTimeout ?? TimeSpan.FromSeconds(60) },
        };
        Services = ServiceManager.Open(Options);
    }

    public string DataDirectory { get; }

    public ServiceManagerOptions Options { get; }

    public ServiceManager Services { get; private set; }

    /// <summary>Stops the manager and opens a new one over the same data directory (a node restart).</summary>
    public void Restart()
    {
        Services.Dispose();
        Services = ServiceManager.Open(Options);
    }

    /// <summary>Adds the modules (in load order, facade last) and a blueprint over them; returns the blueprint id.</summary>
    public string Deploy(string name, params (string Name, byte[] Wasm)[] modules)
    {
        List<string> hashes = [.. modules.Select(m => Services.Modules.AddModule(m.Wasm, new ServiceModuleConfig { Name = m.Name }))];
        return Services.Modules.AddBlueprint(Blueprint.Create(name, hashes));
    }

    public Task<JsonNode?> CallAsync(string idOrAlias, string function, JsonArray arguments, string initPeer = Manager) =>
        Services.CallAsync(Host, idOrAlias, function, arguments, info => new MarineCallParameters(
            new MarineParticleParameters("particle", initPeer, 1, 1, "", [], ""), info.Id, info.OwnerId, Host, Host, []), CancellationToken.None);

    public void Dispose()
    {
        Services.Dispose();
        Directory.Delete(DataDirectory, recursive: true);
    }
}
