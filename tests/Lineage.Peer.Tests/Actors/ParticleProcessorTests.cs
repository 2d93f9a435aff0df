// SPDX-License-Identifier: Apache-2.0

using System.Text.Json.Nodes;
using Lineage.Peer.Actors;
using Lineage.Peer.Builtins;
using Lineage.Peer.Particles;
using Lineage.Peer.Tests.AquaVm;
using Lineage.Peer.Tests.Particles;

namespace Lineage.Peer.Tests.Actors;

/// <summary>The actor pipeline with the real AquaVM: particles hop between in-memory peers through the wire codec.</summary>
[Collection(SharedAquaVm.Name)]
public sealed class ParticleProcessorTests(AquaVmFixture aquaVm)
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);

    // What the Aqua compiler emits for relayTime() (fluence-peer.md §6.8).
    private const string RelayTimeAir = """
        (xor
         (seq
          (seq
           (call %init_peer_id% ("getDataSrv" "-relay-") [] -relay-)
           (xor (call -relay- ("peer" "timestamp_ms") [] ret) (fail :error:)))
          (call %init_peer_id% ("callbackSrv" "response") [ret]))
         (call %init_peer_id% ("errorHandlingSrv" "error") [:error: 0]))
        """;

    private static ulong Now => (ulong)DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    [Fact]
    public async Task Relay_serves_a_builtin_and_the_result_comes_back_to_the_client()
    {
        await using var network = new PeerNetwork(TimeProvider.System, aquaVm.AquaVm);
        var store = new InMemoryParticleDataStore();
        ParticleProcessor relay = network.AddNode(0x22, store: store);
        ClientPeer client = network.AddClient(0x11, relay.HostPeerId);

        ulong before = Now;
        JsonArray response = await client.CallAsync(RelayTimeAir, null, Now).WaitAsync(s_timeout);
        ulong relayTime = response[0]!.GetValue<ulong>();
        relayTime.Should().BeInRange(before, Now);

        await network.WhenIdleAsync(s_timeout);
        client.Responses.Should().Be(1);
        relay.Interpretations.Should().Be(2, "one run for the incoming particle, one with the timestamp result");
        store.Count.Should().Be(1, "the relay keeps its prev_data until the particle expires");
        network.Sent.Select(s => (s.From, s.To)).Should().Equal((client.Identity.PeerId, relay.HostPeerId), (relay.HostPeerId, client.Identity.PeerId));
    }

    // Known defect, open in issue 6: run as the first test of a fresh process (cold AquaVM pool) this particle never
    // reaches the client (the relay runs 4 times and sends once, the client runs 3 times, no response); after any
    // other interpretation it passes. Skipped until the actor/pool race is found.
    [Fact(Skip = "Hangs when it runs first on a cold AquaVM pool; under investigation (issue 6)")]
    public async Task Call_requests_run_concurrently_and_service_errors_are_catchable()
    {
        const string air = """
            (xor
             (seq
              (seq
               (call %init_peer_id% ("getDataSrv" "-relay-") [] -relay-)
               (par
                (call -relay- ("barrier" "left") [] left)
                (call -relay- ("barrier" "right") [] right)))
              (seq
               (xor
                (call -relay- ("no_such_service" "fn") [] unused)
                (ap :error:.$.message err))
               (call %init_peer_id% ("callbackSrv" "response") [left right err])))
             (call %init_peer_id% ("errorHandlingSrv" "error") [:error: 0]))
            """;
        await using var network = new PeerNetwork(TimeProvider.System, aquaVm.AquaVm);
        var barrier = new BarrierService();
        ParticleProcessor relay = network.AddNode(0x22, extra: barrier);
        ClientPeer client = network.AddClient(0x11, relay.HostPeerId);

        // Each barrier function waits for the other: run one after the other, they would never finish.
        Task<JsonArray> call = client.CallAsync(air, null, Now);
        await Task.WhenAny(call, Task.Delay(s_timeout));
        call.IsCompleted.Should().BeTrue($"relay ran AquaVM {relay.Interpretations} times, the client {client.Processor.Interpretations} times, hops {network.Sent.Count}, barrier {barrier}");
        JsonArray response = await call;
        response[0]!.GetValue<string>().Should().Be("left done");
        response[1]!.GetValue<string>().Should().Be("right done");
        response[2]!.GetValue<string>().Should().Contain("Service with id 'no_such_service' not found (function fn)");
        await network.WhenIdleAsync(s_timeout);
        client.Responses.Should().Be(1);
    }

    [Fact]
    public async Task Three_hops_are_forward_chained_and_the_client_gets_exactly_one_reply()
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
                 (call c ("op" "concat_strings") [rb "C"] rc)))
               (seq
                (call -relay- ("op" "noop") [])
                (call %init_peer_id% ("callbackSrv" "response") [rc]))))
             (call %init_peer_id% ("errorHandlingSrv" "error") [:error: 0]))
            """;
        await using var network = new PeerNetwork(TimeProvider.System, aquaVm.AquaVm);
        ParticleProcessor a = network.AddNode(0x31);
        ParticleProcessor b = network.AddNode(0x32);
        ParticleProcessor c = network.AddNode(0x33);
        ClientPeer client = network.AddClient(0x11, a.HostPeerId);

        JsonArray response = await client.CallAsync(air, new JsonObject { ["b"] = b.HostPeerId, ["c"] = c.HostPeerId }, Now).WaitAsync(s_timeout);
        response.ToJsonString().Should().Be("[\"ABC\"]");
        await network.WhenIdleAsync(s_timeout);

        client.Responses.Should().Be(1);
        network.Sent.Select(s => (s.From, s.To)).Should().Equal(
            (client.Identity.PeerId, a.HostPeerId),
            (a.HostPeerId, b.HostPeerId),
            (b.HostPeerId, c.HostPeerId),
            (c.HostPeerId, a.HostPeerId),
            (a.HostPeerId, client.Identity.PeerId));
    }

    [Fact]
    public async Task Bad_particles_are_rejected_before_any_interpretation()
    {
        await using var network = new PeerNetwork(TimeProvider.System, aquaVm.AquaVm);
        ParticleProcessor relay = network.AddNode(0x22);
        Particle good = ParticleSignature.CreateSigned(ParticleCodecTests.ClientKey, Guid.NewGuid().ToString(), Now, 60_000, RelayTimeAir);
        byte[] badSignature = good.Signature.ToArray();
        badSignature[5] ^= 0x40;

        relay.Ingest(good with { Signature = badSignature }, "test").Should().Be(ParticleVerdict.BadSignature);
        relay.Ingest(good with { Script = "(null)" }, "test").Should().Be(ParticleVerdict.BadSignature);
        relay.Ingest(ParticleSignature.CreateSigned(ParticleCodecTests.ClientKey, "old", Now - 120_000, 60_000, RelayTimeAir), "test").Should().Be(ParticleVerdict.Expired);
        relay.Ingest(good with { InitPeerId = relay.HostPeerId }, "test").Should().Be(ParticleVerdict.BadSignature);
        await network.WhenIdleAsync(s_timeout);

        relay.Interpretations.Should().Be(0);
        relay.ActorCount.Should().Be(0);
        network.Interpretations.Should().Be(0);

        // ...and the node keeps serving.
        relay.Ingest(good, "test").Should().Be(ParticleVerdict.Accepted);
        relay.Ingest(good, "test").Should().Be(ParticleVerdict.Replayed);
        await network.WhenIdleAsync(s_timeout);
        relay.Interpretations.Should().Be(1);
    }

    [Fact]
    public async Task Actors_and_their_data_are_reaped_after_the_deadline()
    {
        var clock = new ParticleAdmissionTests.ManualClock(DateTimeOffset.UtcNow);
        await using var network = new PeerNetwork(TimeProvider.System, aquaVm.AquaVm);
        var store = new InMemoryParticleDataStore();
        ParticleProcessor relay = network.AddNode(0x22, store: store, admissionClock: clock);
        Particle particle = ParticleSignature.CreateSigned(ParticleCodecTests.ClientKey, Guid.NewGuid().ToString(), Now, 10_000,
            "(call %init_peer_id% (\"op\" \"noop\") [])");
        relay.Ingest(particle, "test").Should().Be(ParticleVerdict.Accepted);
        await network.WhenIdleAsync(s_timeout);
        relay.ActorCount.Should().Be(1);
        store.Count.Should().Be(1);

        (await relay.SweepExpiredAsync(CancellationToken.None)).Should().Be(0, "the particle is still alive");
        clock.Advance(TimeSpan.FromSeconds(11));
        (await relay.SweepExpiredAsync(CancellationToken.None)).Should().Be(1);
        relay.ActorCount.Should().Be(0);
        store.Count.Should().Be(0);
    }

    /// <summary>Two functions that only finish once both have started: proves concurrent execution.</summary>
    private sealed class BarrierService : IBuiltinService
    {
        private readonly TaskCompletionSource _left = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _right = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public string ServiceId => "barrier";

        public override string ToString() => $"left started {_left.Task.IsCompleted}, right started {_right.Task.IsCompleted}";

        public async ValueTask<JsonNode?> CallAsync(BuiltinCall call, CancellationToken cancellationToken)
        {
            (TaskCompletionSource mine, TaskCompletionSource other) = call.FunctionName == "left" ? (_left, _right) : (_right, _left);
            mine.TrySetResult();
            await other.Task.WaitAsync(TimeSpan.FromSeconds(20), cancellationToken);
            return JsonValue.Create($"{call.FunctionName} done");
        }
    }
}
