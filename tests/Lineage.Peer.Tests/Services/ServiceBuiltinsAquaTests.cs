// SPDX-License-Identifier: Apache-2.0

using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Lineage.Peer.Actors;
using Lineage.Peer.Builtins;
using Lineage.Peer.Particles;
using Lineage.Peer.Services;
using Lineage.Peer.Tests.Actors;
using Lineage.Peer.Tests.AquaVm;
using Lineage.TestKit.Marine;

namespace Lineage.Peer.Tests.Services;

/// <summary>
/// A client particle compiled by the real Aqua compiler deploys Marine modules to its relay through
/// <c>dist.add_module</c> / <c>dist.add_blueprint</c> / <c>srv.create</c> and calls them; all on the real AquaVM.
/// </summary>
[Collection(SharedAquaVm.Name)]
public sealed partial class ServiceBuiltinsAquaTests(AquaVmFixture aquaVm) : IDisposable
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(120);
    private static readonly Lazy<IReadOnlyDictionary<string, string>> s_scripts = new(() => AquaScripts.Compile("services.aqua"));
    private readonly string _data = Directory.CreateTempSubdirectory("lineage-srv-aqua-").FullName;
    private readonly List<ServiceManager> _managers = [];

    private static ulong Now => (ulong)DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    private static IReadOnlyDictionary<string, string> Air => s_scripts.Value;

    [Fact]
    public async Task A_management_client_deploys_a_two_module_service_and_calls_it_by_alias_and_id()
    {
        await using var network = new PeerNetwork(TimeProvider.System, aquaVm.AquaVm);
        string clientId = new PeerScopeIdentity(Seed(0x11)).PeerId;
        (ParticleProcessor relay, ServiceManager services, PeerScopeIdentity relayIdentity) = AddRelay(network, clientId);
        ClientPeer client = network.AddClient(0x11, relay.HostPeerId);

        JsonArray deployed = await client.CallAsync(Air["deployGreeter"], new JsonObject { ["lib"] = Bytes(TestModules.Lib), ["facade"] = Bytes(TestModules.Facade) }, Now).WaitAsync(s_timeout);
        string serviceId = deployed[0]!.GetValue<string>();
        Guid.TryParse(serviceId, out _).Should().BeTrue();
        deployed[1]!.GetValue<string>().Should().Be(
            Blueprint.Create("greeter", [ModuleCid.Compute(TestModules.Lib).ToString(), ModuleCid.Compute(TestModules.Facade).ToString()]).Id);

        (await Greet(client, "greeter", "alice")).Should().Be("Hello, alice! (1 names)");
        (await Greet(client, serviceId, "bob", "carol")).Should().Be("Hello, bob! Hello, carol! (2 names)");

        JsonArray described = await client.CallAsync(Air["describe"], new JsonObject { ["service"] = serviceId }, Now).WaitAsync(s_timeout);
        JsonNode info = described[0]!;
        info["id"]!.GetValue<string>().Should().Be(serviceId);
        info["owner_id"]!.GetValue<string>().Should().Be(clientId);
        info["worker_id"]!.GetValue<string>().Should().Be(relay.HostPeerId);
        info["aliases"]!.AsArray().Select(a => a!.GetValue<string>()).Should().Equal("greeter");
        info["service_type"]!.GetValue<string>().Should().Be("service");
        described[1]!["function_signatures"]!.AsArray().Select(f => f!["name"]!.GetValue<string>()).Should().Equal("hello");
        described[2]!.AsArray().Select(m => m!["name"]!.GetValue<string>()).Should().BeEquivalentTo(["lib", "facade"]);
        described[2]!.AsArray().Single(m => m!["name"]!.GetValue<string>() == "facade")!["config"]!["logger_enabled"]!.GetValue<bool>().Should().BeTrue();
        described[3]!.AsArray().Single()!["id"]!.GetValue<string>().Should().Be(deployed[1]!.GetValue<string>());
        described[4]!.AsArray().Select(a => a!.GetValue<string>()).Should().Equal(serviceId);
        described[5]!.AsArray().Select(m => m!["name"]!.GetValue<string>()).Should().Equal("lib", "facade");
        described[5]!.AsArray().Should().OnlyContain(m => m!["memory_size_bytes"]!.GetValue<long>() > 0);
        described[6]!["status"]!.GetValue<bool>().Should().BeTrue();
        described[6]!["result"]![0]!["total_stats"]!["success_req_count"]!.GetValue<long>().Should().Be(2);

        // The module sees the call's parameters.
        JsonArray probe = await client.CallAsync(Air["deployOne"], new JsonObject { ["name"] = "host", ["wasm"] = Bytes(TestModules.Host) }, Now).WaitAsync(s_timeout);
        string probeId = probe[0]!.GetValue<string>();
        ulong timestamp = Now;
        string parameters = (await client.CallAsync(Air["callParameters"], new JsonObject { ["service"] = probeId }, timestamp).WaitAsync(s_timeout))[0]!.GetValue<string>();
        Match m = CallParametersLine().Match(parameters);
        m.Success.Should().BeTrue(parameters);
        Guid.TryParse(m.Groups["id"].Value, out _).Should().BeTrue();
        m.Groups["init"].Value.Should().Be(clientId);
        m.Groups["ts"].Value.Should().Be(timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        m.Groups["ttl"].Value.Should().Be("60000");
        m.Groups["script"].Value.Should().Be(Air["callParameters"]);
        m.Groups["token"].Value.Should().Be(ParticleToken.Compute(relayIdentity.Key, Convert.FromHexString(m.Groups["sig"].Value)));
        m.Groups["rest"].Value.Should().Be($"service={probeId} creator={clientId} host={relay.HostPeerId} worker={relay.HostPeerId} tetraplets=[]");

        // A function without results sends nothing back: wait until the particle has settled everywhere.
        Task removal = client.CallAsync(Air["removeService"], new JsonObject { ["service"] = serviceId }, Now);
        await network.WhenIdleAsync(s_timeout);
        removal.IsFaulted.Should().BeFalse(removal.Exception?.Message);
        services.List(relay.HostPeerId).Select(s => s.Id).Should().Equal(probeId);
        await FluentActions.Awaiting(() => Greet(client, "greeter", "dave"))
            .Should().ThrowAsync<InvalidOperationException>().WithMessage("*Service with id *greeter* not found (function hello)*");
    }

    [Fact]
    public async Task Other_peers_may_call_deployed_services_but_not_deploy_or_remove()
    {
        await using var network = new PeerNetwork(TimeProvider.System, aquaVm.AquaVm);
        string managerId = new PeerScopeIdentity(Seed(0x11)).PeerId;
        (ParticleProcessor relay, ServiceManager services, _) = AddRelay(network, managerId);
        ClientPeer manager = network.AddClient(0x11, relay.HostPeerId);
        ClientPeer stranger = network.AddClient(0x33, relay.HostPeerId);

        await FluentActions.Awaiting(() => stranger.CallAsync(Air["deployOne"], new JsonObject { ["name"] = "host", ["wasm"] = Bytes(TestModules.Host) }, Now).WaitAsync(s_timeout))
            .Should().ThrowAsync<InvalidOperationException>().WithMessage($"*dist.add_module: peer *{stranger.Identity.PeerId}* is not allowed*");
        services.Modules.ListModules().Should().BeEmpty("nothing of a refused deployment is stored");

        string serviceId = (await manager.CallAsync(Air["deployGreeter"], new JsonObject { ["lib"] = Bytes(TestModules.Lib), ["facade"] = Bytes(TestModules.Facade) }, Now).WaitAsync(s_timeout))[0]!.GetValue<string>();
        (await Greet(stranger, "greeter", "eve")).Should().Be("Hello, eve! (1 names)");

        await FluentActions.Awaiting(() => stranger.CallAsync(Air["removeService"], new JsonObject { ["service"] = serviceId }, Now).WaitAsync(s_timeout))
            .Should().ThrowAsync<InvalidOperationException>().WithMessage("*srv.remove*is not allowed*");
        services.List(relay.HostPeerId).Select(s => s.Id).Should().Equal(serviceId);
        (await Greet(stranger, serviceId, "mallory")).Should().Be("Hello, mallory! (1 names)");
    }

    [Fact]
    public async Task Blueprints_and_module_configs_load_from_the_particles_own_vault()
    {
        await using var network = new PeerNetwork(TimeProvider.System, aquaVm.AquaVm);
        (ParticleProcessor relay, _, _) = AddRelay(network, "12D3KooWNobodyNobodyNobodyNobodyNobodyNobodyNo");
        ClientPeer client = network.AddClient(0x44, relay.HostPeerId);
        string dependency = ModuleCid.Compute(TestModules.Lib).ToString();

        JsonArray loaded = await client.CallAsync(Air["loadFromVault"], new JsonObject
        {
            ["blueprint"] = $$"""{ "name": "from-vault", "dependencies": [ { "/": "{{dependency}}" } ] }""",
            ["config"] = """{"name":"lib","logger_enabled":[false],"wasi":[{"envs":[[["LEVEL","debug"]]]}]}""",
        }, Now).WaitAsync(s_timeout);

        loaded[0]!.GetValue<string>().Should().Be(Blueprint.ToDagJson("from-vault", [dependency]));
        JsonNode.DeepEquals(loaded[1], JsonNode.Parse("""{"name":"lib","logger_enabled":false,"wasi":{"envs":{"LEVEL":"debug"}}}"""))
            .Should().BeTrue(loaded[1]!.ToJsonString());
    }

    public void Dispose()
    {
        foreach (ServiceManager manager in _managers)
        {
            manager.Dispose();
        }

        Directory.Delete(_data, recursive: true);
    }

    private static byte[] Seed(byte value) => Enumerable.Repeat(value, 32).ToArray();

    private static JsonArray Bytes(byte[] bytes) => new([.. bytes.Select(b => (JsonNode?)JsonValue.Create(b))]);

    private static async Task<string> Greet(ClientPeer client, string service, params string[] names) =>
        (await client.CallAsync(Air["greet"], new JsonObject { ["service"] = service, ["names"] = new JsonArray([.. names.Select(n => (JsonNode?)JsonValue.Create(n))]) }, Now)
            .WaitAsync(s_timeout))[0]!.GetValue<string>();

    [GeneratedRegex("^id=(?<id>\\S+) init=(?<init>\\S+) ts=(?<ts>\\d+) ttl=(?<ttl>\\d+) script=(?<script>.*) sig=(?<sig>[0-9a-f]+) token=(?<token>\\S+) (?<rest>service=.*)$", RegexOptions.Singleline)]
    private static partial Regex CallParametersLine();

    private (ParticleProcessor Relay, ServiceManager Services, PeerScopeIdentity Identity) AddRelay(PeerNetwork network, string managementPeerId)
    {
        ServiceManager? services = null;
        PeerScopeIdentity? relayIdentity = null;
        ParticleProcessor relay = network.AddNode(0x22, services: identity =>
        {
            relayIdentity = identity;
            string vaultRoot = Path.Combine(_data, "vault");
            services = ServiceManager.Open(new ServiceManagerOptions
            {
                DataDirectory = _data,
                HostPeerId = identity.PeerId,
                ManagementPeerIds = new HashSet<string>(StringComparer.Ordinal) { managementPeerId },
                VaultDirectory = vaultRoot,
            });
            _managers.Add(services);
            var vault = new VaultService(vaultRoot, identity.Key);
            return ([new SrvService(services), new DistService(services, vault), new StatService(services), vault], new HostedServiceDispatcher(services, identity.Key));
        });
        return (relay, services!, relayIdentity!);
    }
}
