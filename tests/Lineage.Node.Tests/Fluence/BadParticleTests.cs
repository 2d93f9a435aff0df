// SPDX-License-Identifier: Apache-2.0

using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Lineage.Core.Multiformats;
using Lineage.Node.Tests.Support;
using Lineage.P2p.Hosting;
using Lineage.P2p.Identity;
using Lineage.Peer.Network;
using Lineage.Peer.Particles;

namespace Lineage.Node.Tests.Fluence;

/// <summary>
/// Hostile particles sent over /fluence/particle/2.0.0 to a running node (our libp2p host as the sender): wrong
/// signature, expired, lifetime over the node's limit, oversized frame, garbage bytes, and a valid particle for a
/// peer nobody knows. None of the refused ones reaches AquaVM; the node keeps serving the real js-client.
/// </summary>
#pragma warning disable CA1001 // the sender host is disposed by IAsyncLifetime.DisposeAsync
public sealed class BadParticleTests : IAsyncLifetime
#pragma warning restore CA1001
{
    private const int MaxParticleBytes = 64 * 1024;
    private readonly ConcurrentQueue<string> _rejections = new();
    private TestNode _node = null!;
    private Libp2pHost _sender = null!;

    private static ulong Now => (ulong)DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    public async Task InitializeAsync()
    {
        _node = await TestNode.StartAsync(o =>
        {
            o.MaxParticleBytes = MaxParticleBytes;
            o.MaxParticleTtlMs = 120_000;
        });
        _node.Node.Peer.Protocol.ParticleRejected += (_, reason) => _rejections.Enqueue(reason);
        _sender = new Libp2pHost(new HostOptions { Identity = PrivateKey.Generate() });
        await _sender.StartAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await _sender.DisposeAsync();
        await _node.DisposeAsync();
    }

    [Fact]
    public async Task Refused_particles_never_run_and_the_node_keeps_serving()
    {
        PrivateKey key = PrivateKey.Generate();
        string node = _node.Node.Identity.PeerId;
        string script = $"(call \"{node}\" (\"op\" \"noop\") [])";
        Particle good = ParticleSignature.CreateSigned(key, Guid.NewGuid().ToString(), Now, 60_000, script);
        byte[] tampered = good.Signature.ToArray();
        tampered[7] ^= 0x01;

        await SendFrameAsync(ParticleFrame.Encode(good with { Signature = tampered }));
        await SendFrameAsync(ParticleFrame.Encode(good with { Script = "(null)" }));
        await SendFrameAsync(ParticleFrame.Encode(ParticleSignature.CreateSigned(key, Guid.NewGuid().ToString(), Now - 600_000, 60_000, script)));
        await SendFrameAsync(ParticleFrame.Encode(ParticleSignature.CreateSigned(key, Guid.NewGuid().ToString(), Now, 3_600_000, script)));
        await SendFrameAsync(ParticleFrame.Encode(ParticleSignature.CreateSigned(key, Guid.NewGuid().ToString(), Now, 60_000, script + new string(' ', 2 * MaxParticleBytes))));
        byte[] garbage = new byte[300];
        new Random(42).NextBytes(garbage);
        await SendFrameAsync([.. VarInt.Encode((ulong)garbage.Length), .. garbage]);
        await SendFrameAsync(Enumerable.Repeat((byte)0xff, 11).ToArray());

        await WaitUntilAsync(() => _rejections.Count >= 7, () => $"7 rejections, got [{string.Join(", ", _rejections)}]");
        _rejections.Should().BeEquivalentTo("BadSignature", "BadSignature", "Expired", "TtlTooLong", "malformed", "malformed", "malformed");
        _node.Node.Peer.Processor.Interpretations.Should().Be(0, "no refused particle reaches AquaVM");
        _node.Node.Peer.Processor.ActorCount.Should().Be(0);

        // A valid particle that must go on to a peer nobody knows: it runs once, the route fails, nothing else happens.
        PeerId unknown = PrivateKey.Generate().PeerId;
        Particle lost = ParticleSignature.CreateSigned(key, Guid.NewGuid().ToString(), Now, 60_000, $"(seq (call \"{node}\" (\"op\" \"noop\") []) (call \"{unknown}\" (\"op\" \"noop\") []))");
        await SendFrameAsync(ParticleFrame.Encode(lost));
        await WaitUntilAsync(() => _node.Node.Peer.Processor.Interpretations >= 2, () => $"the lost particle ran ({_node.Node.Peer.Processor.Interpretations} runs)");
        using (var idle = new CancellationTokenSource(TimeSpan.FromSeconds(60)))
        {
            await _node.Node.Peer.Processor.WhenIdleAsync(idle.Token);
        }

        // The node still serves the real js-client, and the rejections are on /metrics.
        JsonObject answer = await FluenceJsClient.CallAsync(_node.Node.Peer.WsAddress.ToString(), "identifyAndTime");
        answer["ok"]!.GetValue<bool>().Should().BeTrue(answer.ToJsonString());
        string metrics = await _node.Http.GetStringAsync("/metrics");
        metrics.Should().Contain("lineage_particles_rejected_total{reason=\"malformed\"} 3")
            .And.Contain("lineage_particles_rejected_total{reason=\"BadSignature\"} 2");
    }

    private async Task SendFrameAsync(byte[] frame)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using P2pStream stream = await _sender.NewStreamAsync(_node.Node.Peer.TcpAddress, ParticleProtocol.ProtocolId, timeout.Token);
        try
        {
            await stream.Stream.WriteAsync(frame, timeout.Token);
            await stream.CloseWriteAsync(timeout.Token);
        }
        catch (IOException)
        {
            // The node may reset the stream before the whole oversized frame is written.
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition, Func<string> what)
    {
        long deadline = Environment.TickCount64 + 60_000;
        while (!condition())
        {
            if (Environment.TickCount64 > deadline)
            {
                throw new TimeoutException($"timed out waiting for {what()}");
            }

            await Task.Delay(100);
        }
    }
}
