// SPDX-License-Identifier: Apache-2.0

using System.Text.Json.Nodes;
using Lineage.Peer.Actors;
using Lineage.Peer.Tests.Actors;

namespace Lineage.Peer.Tests.AquaVm;

/// <summary>
/// The in-process AquaVM against the oracle: the same avm.wasm 0.62.0 run by marine-js in node. Every
/// interpretation of a multi-peer particle (forward chaining, a caught service error, a builtin result) is replayed
/// on both with identical inputs; the outcomes must agree field by field.
/// </summary>
[Collection(SharedAquaVm.Name)]
public sealed class AquaVmDifferentialTests(AquaVmFixture fixture)
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task Every_interpretation_of_a_three_peer_particle_matches_marine_js()
    {
        const string air = """
            (xor
             (seq
              (seq
               (call %init_peer_id% ("getDataSrv" "-relay-") [] -relay-)
               (seq (call %init_peer_id% ("getDataSrv" "b") [] b) (call %init_peer_id% ("getDataSrv" "c") [] c)))
              (seq
               (seq
                (call -relay- ("op" "concat_strings") ["A"] ra)
                (seq
                 (call b ("op" "concat_strings") [ra "B"] rb)
                 (seq
                  (call c ("peer" "timestamp_ms") [] t)
                  (xor
                   (call c ("no_such_service" "fn") [rb] unused)
                   (ap :error:.$.message err)))))
               (seq
                (call -relay- ("op" "noop") [])
                (call %init_peer_id% ("callbackSrv" "response") [rb err]))))
             (call %init_peer_id% ("errorHandlingSrv" "error") [:error: 0]))
            """;
        using var oracle = new NodeAquaVm();
        var differential = new DifferentialAquaVm(fixture.AquaVm, oracle);
        await using var network = new PeerNetwork(TimeProvider.System, differential);
        ParticleProcessor a = network.AddNode(0x41);
        ParticleProcessor b = network.AddNode(0x42);
        ParticleProcessor c = network.AddNode(0x43);
        ClientPeer client = network.AddClient(0x11, a.HostPeerId);

        ulong now = (ulong)DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        JsonArray response = await client.CallAsync(air, new JsonObject { ["b"] = b.HostPeerId, ["c"] = c.HostPeerId }, now).WaitAsync(s_timeout);
        response[0]!.GetValue<string>().Should().Be("AB");
        response[1]!.GetValue<string>().Should().Contain("Service with id 'no_such_service' not found (function fn)");
        await network.WhenIdleAsync(s_timeout);

        differential.Comparisons.Should().BeGreaterThanOrEqualTo(10).And.Be((int)network.Interpretations);
        differential.Differences.Should().BeEmpty();
    }
}
