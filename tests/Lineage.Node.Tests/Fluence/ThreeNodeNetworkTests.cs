// SPDX-License-Identifier: Apache-2.0

using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Lineage.Node.Tests.Support;
using Lineage.P2p.Identity;

namespace Lineage.Node.Tests.Fluence;

/// <summary>
/// Three real node hosts on loopback: B and C bootstrap to A (Kademlia on /fluence/kad/lineage/1.0.0). The js-client
/// calls, through A, an Aqua function that hops client → A → B → C → A → client with a service call on each node.
/// B is given only C's peer id and has no address for it: it must find C through Kademlia.
/// </summary>
public sealed class ThreeNodeNetworkTests : IAsyncLifetime
{
    private readonly ConcurrentQueue<(string From, string To, string ParticleId)> _hops = new();
    private TestNode _a = null!;
    private TestNode _b = null!;
    private TestNode _c = null!;

    public async Task InitializeAsync()
    {
        _a = await TestNode.StartAsync();
        string bootstrap = _a.Node.Peer.TcpAddress.ToString();
        _b = await TestNode.StartAsync(o => o.Bootstrap = [bootstrap]);
        _c = await TestNode.StartAsync(o => o.Bootstrap = [bootstrap]);
        foreach (TestNode node in new[] { _a, _b, _c })
        {
            string from = node.Node.Identity.PeerId;
            node.Node.Peer.Protocol.ParticleSent += (to, particleId) => _hops.Enqueue((from, to, particleId));
        }
    }

    public async Task DisposeAsync()
    {
        await _c.DisposeAsync();
        await _b.DisposeAsync();
        await _a.DisposeAsync();
    }

    [Fact]
    public async Task A_particle_hops_through_three_nodes_and_the_client_gets_exactly_one_reply()
    {
        PeerId a = _a.Node.Peer.PeerId, b = _b.Node.Peer.PeerId, c = _c.Node.Peer.PeerId;
        await WaitUntilAsync(() => _a.Node.Peer.Host.Connections.Get(b) is not null && _a.Node.Peer.Host.Connections.Get(c) is not null
            && _b.Node.Peer.Kademlia.RoutingTable.Contains(a) && _a.Node.Peer.Kademlia.RoutingTable.Contains(c), "B and C joined A");

        // Make C unknown to B: no connection, no address. B must resolve it through Kademlia (asking A).
        await _b.Node.Peer.Host.HangUpAsync(c);
        _b.Node.Peer.Host.PeerStore.Remove(c);
        await WaitUntilAsync(() => _b.Node.Peer.Host.Connections.Get(c) is null, "B hung up on C");
        _b.Node.Peer.Host.PeerStore.GetAddresses(c).Should().BeEmpty();

        JsonObject answer = await FluenceJsClient.CallAsync(_a.Node.Peer.WsAddress.ToString(), "chain", new JsonObject { ["b"] = b.ToString(), ["c"] = c.ToString() });
        answer["ok"]!.GetValue<bool>().Should().BeTrue(answer.ToJsonString());
        JsonArray result = answer["result"]!.AsArray();
        result[0]!.GetValue<string>().Should().Be($"A:{a}");
        result[1]!.GetValue<string>().Should().Be("lineage");
        result[2]!.GetValue<string>().Should().Be($"A:{a} B:{c}");
        string client = answer["peerId"]!.GetValue<string>();

        _b.Node.Peer.Host.PeerStore.GetAddresses(c).Should().NotBeEmpty("B learned C's address from Kademlia");
        string[] particles = [.. _hops.Select(h => h.ParticleId).Distinct()];
        particles.Should().ContainSingle("one particle made every hop");
        _hops.Select(h => (h.From, h.To)).Should().Equal(
            [(a.ToString(), b.ToString()), (b.ToString(), c.ToString()), (c.ToString(), a.ToString()), (a.ToString(), client)],
            "the particle is forward-chained and only the final result goes back to the client");
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        long deadline = Environment.TickCount64 + 60_000;
        while (!condition())
        {
            if (Environment.TickCount64 > deadline)
            {
                throw new TimeoutException($"timed out waiting until {what}");
            }

            await Task.Delay(100);
        }
    }
}
