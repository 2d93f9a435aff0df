// SPDX-License-Identifier: Apache-2.0

using System.Diagnostics;
using System.Text.Json.Nodes;
using Lineage.P2p.Hosting;
using Lineage.P2p.Identity;
using Lineage.P2p.Multiaddresses;
using Lineage.Peer.Actors;
using Lineage.Peer.AquaVm;
using Lineage.Peer.Builtins;
using Lineage.Peer.Network;
using Lineage.Peer.Tests.AquaVm;
using Lineage.Peer.Tests.Interop;

namespace Lineage.Peer.Tests.Network;

/// <summary>
/// The unmodified js-client 0.9.0 (tests/harness/fluence-js/client-call.mjs) connects to our libp2p host over
/// /ws (Noise, Yamux, identify) and calls Aqua functions compiled by the real Aqua compiler. Our side: the
/// /fluence/particle/2.0.0 protocol, admission, actors and builtins; AquaVM is the official avm.wasm on our own
/// Wasm runtime, in process.
/// </summary>
[Collection(SharedAquaVm.Name)]
#pragma warning disable CA1001 // the host and processor are disposed by IAsyncLifetime.DisposeAsync
public sealed class JsClientEndToEndTests(AquaVmFixture fixture) : IAsyncLifetime
{
    private static readonly byte[] s_nodeSeed = Enumerable.Repeat((byte)0x22, 32).ToArray();
#pragma warning restore CA1001
    private readonly IAquaVm _avm = fixture.AquaVm;
    private Libp2pHost _host = null!;
    private ParticleProcessor _processor = null!;
    private string _relayAddress = null!;

    public async Task InitializeAsync()
    {
        _host = new Libp2pHost(new HostOptions
        {
            Identity = PrivateKey.FromEd25519Seed(s_nodeSeed),
            ListenAddresses = [Multiaddr.Parse("/ip4/127.0.0.1/tcp/0/ws")],
            ProtocolVersion = ParticleProtocol.ProtocolId,
        });
        var protocol = new ParticleProtocol(_host);
        var identity = new PeerScopeIdentity(s_nodeSeed);
        var view = new Libp2pNodeView(_host);
        _processor = new ParticleProcessor(_avm, identity, new BuiltinDispatcher(
        [
            new OpService(), new PeerService(view), new DebugService(), new MathService("math"), new MathService("cmp"),
            new ArrayService(), new JsonService(), new SigService(identity.Key), new KademliaService(view),
        ]), protocol);
        protocol.Attach(_processor);
        await _host.StartAsync(CancellationToken.None);
        _relayAddress = _host.ListenAddresses[0].WithPeerId(_host.PeerId).ToString();
    }

    public async Task DisposeAsync()
    {
        await _processor.DisposeAsync();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task Compiled_aqua_runs_through_our_node_as_relay()
    {
        long before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        JsonObject result = await ClientCallAsync("--aqua", "demo.aqua", "--func", "relayTime");
        result["ok"]!.GetValue<bool>().Should().BeTrue(result.ToJsonString());
        result["result"]!.GetValue<long>().Should().BeInRange(before, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        result["relayPeerId"]!.GetValue<string>().Should().Be(_host.PeerId.ToString());
    }

    [Fact]
    public async Task Service_errors_on_our_node_reach_the_client_and_the_node_keeps_serving()
    {
        string air = Path.Combine(Path.GetTempPath(), $"err-{Guid.NewGuid():N}.air");
        await File.WriteAllTextAsync(air, """
            (xor
             (seq
              (call %init_peer_id% ("getDataSrv" "-relay-") [] -relay-)
              (seq
               (call -relay- ("no_such_service" "fn") [] r)
               (call %init_peer_id% ("callbackSrv" "response") [r])))
             (call %init_peer_id% ("errorHandlingSrv" "error") [:error: 0]))
            """);
        try
        {
            JsonObject failure = await ClientCallAsync("--air", air);
            failure["ok"]!.GetValue<bool>().Should().BeFalse();
            failure["stage"]!.GetValue<string>().Should().Be("call");
            failure["error"]!.GetValue<string>().Should().Contain("Service with id 'no_such_service' not found (function fn)");
            failure["details"]!["peer_id"]!.GetValue<string>().Should().Be(_host.PeerId.ToString());
        }
        finally
        {
            File.Delete(air);
        }

        JsonObject again = await ClientCallAsync("--aqua", "demo.aqua", "--func", "relayTime");
        again["ok"]!.GetValue<bool>().Should().BeTrue(again.ToJsonString());
    }

    private async Task<JsonObject> ClientCallAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = NodeTool.HarnessDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in (string[])["client-call.mjs", "--relay", _relayAddress, "--timeout", "30000", .. arguments])
        {
            start.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(start)!;
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        string stdout = await process.StandardOutput.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(90));
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        string line = stdout.Trim().Split('\n')[^1];
        return JsonNode.Parse(line) as JsonObject ?? throw new InvalidOperationException($"client-call printed {stdout} / {await stderr}");
    }
}
