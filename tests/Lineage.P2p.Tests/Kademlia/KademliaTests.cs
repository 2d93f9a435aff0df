// SPDX-License-Identifier: Apache-2.0

using System.Text;
using Lineage.P2p.Hosting;
using Lineage.P2p.Identity;
using Lineage.P2p.Kademlia;
using Lineage.P2p.Multiaddresses;
using Lineage.P2p.Tests.Infrastructure;
using Lineage.P2p.Tests.Interop;

namespace Lineage.P2p.Tests.Kademlia;

public sealed class KademliaTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public void Message_round_trips_and_absent_type_means_put_value()
    {
        PeerId peer = PrivateKey.Generate().PeerId;
        var message = new KadMessage(KadMessageType.GetProviders, [1, 2, 3], new KadRecord("k"u8.ToArray(), "v"u8.ToArray(), "2026-01-01T00:00:00Z"),
            [new KadPeer(peer, [Multiaddr.Parse("/ip4/127.0.0.1/tcp/1")], 1)], [new KadPeer(peer, [])]);
        KadMessage decoded = KadMessage.Decode(message.Encode());
        decoded.Type.Should().Be(KadMessageType.GetProviders);
        decoded.Key.Should().Equal(1, 2, 3);
        decoded.Record!.Value.Should().Equal("v"u8.ToArray());
        decoded.Record.TimeReceived.Should().Be("2026-01-01T00:00:00Z");
        decoded.CloserPeers!.Single().Addresses.Single().ToString().Should().Be("/ip4/127.0.0.1/tcp/1");
        decoded.CloserPeers!.Single().Connection.Should().Be(1);
        decoded.ProviderPeers!.Single().Id.Should().Be(peer);

        // js encodes PUT_VALUE without field 1: key = 0x12 "k", record = 0x1a …
        KadMessage put = KadMessage.Decode(Convert.FromHexString("12016b1a06" + "0a016b120176"));
        put.Type.Should().Be(KadMessageType.PutValue);
        put.Record!.Key.Should().Equal("k"u8.ToArray());
    }

    [Theory]
    [InlineData("0863")]
    [InlineData("12056b")]
    [InlineData("1a")]
    public void Malformed_messages_are_rejected(string hex)
    {
        FluentActions.Invoking(() => KadMessage.Decode(Convert.FromHexString(hex))).Should().Throw<P2pProtocolException>();
    }

    [Fact]
    public void Routing_table_orders_by_xor_distance_and_caps_buckets()
    {
        PeerId self = PrivateKey.Generate().PeerId;
        var table = new RoutingTable(self, k: 2);
        PeerId[] peers = Enumerable.Range(0, 50).Select(_ => PrivateKey.Generate().PeerId).ToArray();
        int added = peers.Count(table.TryAdd);
        added.Should().BeLessThan(50, "the top buckets hold at most k = 2 peers each");
        table.TryAdd(self).Should().BeFalse();
        byte[] key = peers[0].ToBytes();
        IReadOnlyList<PeerId> closest = table.Closest(key, 5);
        byte[] target = KadDistance.Position(key);
        closest.Select(p => KadDistance.Between(target, KadDistance.Position(p.Bytes))).Should().BeInAscendingOrder();
        KadDistance.CommonPrefixLength(target, target).Should().Be(256);
    }

    [Fact]
    public void Records_and_providers_expire()
    {
        var clock = new ManualClock();
        var store = new KadRecordStore(clock);
        PeerId provider = PrivateKey.Generate().PeerId;
        store.Put(new KadRecord("/test/a"u8.ToArray(), "v"u8.ToArray()), TimeSpan.FromHours(36));
        store.AddProvider([9], provider, TimeSpan.FromHours(48));
        clock.Advance(TimeSpan.FromHours(37));
        store.Get("/test/a"u8.ToArray()).Should().BeNull();
        store.GetProviders([9]).Should().Contain(provider);
        clock.Advance(TimeSpan.FromHours(12));
        store.Purge();
        store.GetProviders([9]).Should().BeEmpty();
    }

    [Fact]
    public async Task Three_CSharp_nodes_find_peers_values_and_providers()
    {
        await using Libp2pHost a = await TestHosts.StartAsync(webSocket: false);
        await using Libp2pHost b = await TestHosts.StartAsync(webSocket: false);
        await using Libp2pHost c = await TestHosts.StartAsync(webSocket: false);
        await using var dhtA = new KademliaDht(a, JsKademliaInteropTests.TestOptions());
        await using var dhtB = new KademliaDht(b, JsKademliaInteropTests.TestOptions());
        await using var dhtC = new KademliaDht(c, JsKademliaInteropTests.TestOptions());
        dhtB.AddPeer(a.PeerId, a.ListenAddresses);
        dhtC.AddPeer(a.PeerId, a.ListenAddresses);
        await b.DialAsync(a.TcpAddress(), CancellationToken.None).WaitAsync(s_timeout);
        for (int i = 0; i < 200 && !dhtA.RoutingTable.Contains(b.PeerId); i++)
        {
            await Task.Delay(25);
        }

        KadPeer? found = await dhtC.FindPeerAsync(b.PeerId, CancellationToken.None).WaitAsync(s_timeout);
        found!.Addresses.Should().Contain(b.ListenAddresses);

        (await dhtB.PutValueAsync("/test/x"u8.ToArray(), "y"u8.ToArray(), CancellationToken.None).WaitAsync(s_timeout)).Should().BeGreaterThan(0);
        (await dhtC.GetValueAsync("/test/x"u8.ToArray(), CancellationToken.None).WaitAsync(s_timeout)).Should().Equal("y"u8.ToArray());
        await FluentActions.Awaiting(() => dhtB.PutValueAsync("/unknown/x"u8.ToArray(), [1], CancellationToken.None)).Should().ThrowAsync<P2pProtocolException>();

        byte[] pk = Encoding.ASCII.GetBytes("/pk/").Concat(b.PeerId.ToBytes()).ToArray();
        (await dhtB.PutValueAsync(pk, b.Identity.PublicKey.ToProtobuf(), CancellationToken.None).WaitAsync(s_timeout)).Should().BeGreaterThan(0);
        await FluentActions.Awaiting(() => dhtB.PutValueAsync(pk, c.Identity.PublicKey.ToProtobuf(), CancellationToken.None)).Should().ThrowAsync<P2pProtocolException>();

        byte[] content = JsKademliaInteropTests.ContentKey("c-sharp-only");
        (await dhtB.ProvideAsync(content, CancellationToken.None).WaitAsync(s_timeout)).Should().BeGreaterThan(0);
        IReadOnlyList<KadPeer> providers = await dhtC.FindProvidersAsync(content, CancellationToken.None).WaitAsync(s_timeout);
        providers.Select(p => p.Id).Should().Contain(b.PeerId);
        await dhtC.RefreshAsync(CancellationToken.None).WaitAsync(s_timeout);
        dhtC.RoutingTable.Count.Should().BeGreaterThanOrEqualTo(2);
    }

    private sealed class ManualClock : TimeProvider
    {
        private DateTimeOffset _now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
