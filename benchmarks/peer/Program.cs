// SPDX-License-Identifier: Apache-2.0

using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Lineage.P2p.Hosting;
using Lineage.P2p.Identity;
using Lineage.P2p.Multiaddresses;
using Lineage.Peer.Network;
using Lineage.Peer.Particles;

// Particle throughput of a relay: COUNT signed particles, at most CONCURRENCY in flight, each asking the relay to
// call one builtin (op.noop) and then to send the particle back to us (the init peer). The relay runs AquaVM twice
// per particle (the particle, then the call result) and forwards it once. A particle is done when it comes back.
// One connection carries every particle, one yamux stream each; the JS reference relay never closes its side of a
// stream, so its streams stay open and the sender's 500-stream limit caps COUNT + 50 warm-up particles at 500.
// Usage: Lineage.Peer.Benchmarks RELAY_WS_MULTIADDR COUNT CONCURRENCY
// stdout: one JSON line {"count","seconds","particles_per_second","p50_ms","p99_ms"}.
if (args.Length != 3)
{
    Console.Error.WriteLine("usage: Lineage.Peer.Benchmarks RELAY_WS_MULTIADDR COUNT CONCURRENCY");
    return 2;
}

Multiaddr relay = Multiaddr.Parse(args[0]);
int count = int.Parse(args[1], CultureInfo.InvariantCulture);
int concurrency = int.Parse(args[2], CultureInfo.InvariantCulture);
PeerId relayId = relay.PeerId ?? throw new ArgumentException("the relay address needs /p2p/PEER_ID");
if (count > 440)
{
    Console.Error.WriteLine("COUNT must be at most 440 (one connection, 500 streams; see the comment above)");
    return 2;
}

PrivateKey key = PrivateKey.Generate();
await using var host = new Libp2pHost(new HostOptions { Identity = key });
var returned = new ConcurrentDictionary<string, TaskCompletionSource>();
host.SetHandler(ParticleProtocol.ProtocolId, async (stream, ct) =>
{
    byte[] payload = await ParticleFrame.ReadPayloadAsync(stream.Stream, 64 << 20, ct);
    Particle particle = ParticleCodec.Decode(payload);
    if (returned.TryGetValue(particle.Id, out TaskCompletionSource? done))
    {
        done.TrySetResult();
    }
});
await host.StartAsync(CancellationToken.None);
using (var connect = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
{
    await host.DialAsync(relay, connect.Token);
}

string script = $"(seq (call \"{relayId}\" (\"op\" \"noop\") []) (call %init_peer_id% (\"op\" \"noop\") []))";

async Task<double> RunOneAsync(Particle particle)
{
    var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    returned[particle.Id] = done;
    long start = Stopwatch.GetTimestamp();
    using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
    await using (P2pStream stream = await host.NewStreamAsync(relayId, ParticleProtocol.ProtocolId, timeout.Token))
    {
        await ParticleFrame.WriteAsync(stream.Stream, particle, timeout.Token);
        await stream.CloseWriteAsync(timeout.Token);
    }

    await done.Task.WaitAsync(timeout.Token);
    returned.TryRemove(particle.Id, out _);
    return Stopwatch.GetElapsedTime(start).TotalMilliseconds;
}

Particle[] Sign(int n)
{
    ulong now = (ulong)DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
    return [.. Enumerable.Range(0, n).Select(_ => ParticleSignature.CreateSigned(key, Guid.NewGuid().ToString(), now, 300_000, script))];
}

async Task<(double Seconds, double[] Latencies)> RunAsync(Particle[] particles)
{
    var latencies = new ConcurrentBag<double>();
    int next = -1;
    var watch = Stopwatch.StartNew();
    await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
    {
        int i;
        while ((i = Interlocked.Increment(ref next)) < particles.Length)
        {
            latencies.Add(await RunOneAsync(particles[i]));
        }
    }));
    return (watch.Elapsed.TotalSeconds, [.. latencies.Order()]);
}

await RunAsync(Sign(Math.Min(50, count)));
Particle[] timed = Sign(count);
(double seconds, double[] sorted) = await RunAsync(timed);
Console.WriteLine(new JsonObject
{
    ["count"] = count,
    ["concurrency"] = concurrency,
    ["seconds"] = seconds,
    ["particles_per_second"] = count / seconds,
    ["p50_ms"] = sorted[sorted.Length / 2],
    ["p99_ms"] = sorted[Math.Min(sorted.Length - 1, sorted.Length * 99 / 100)],
}.ToJsonString());
return 0;
