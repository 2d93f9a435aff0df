// SPDX-License-Identifier: Apache-2.0

using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Lineage.P2p.Hosting;
using Lineage.P2p.Identity;
using Lineage.P2p.Kademlia;
using Lineage.P2p.Tests.Infrastructure;

namespace Lineage.P2p.Tests.Interop;

/// <summary>Kademlia against real js-libp2p kad-dht 16.4.5 peers, both directions.</summary>
[Collection("js-interop")]
public sealed class JsKademliaInteropTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task CSharp_finds_a_peer_through_js()
    {
        await using JsPeer a = await JsPeer.StartAsync("--no-conn-monitor");
        await using JsPeer b = await JsPeer.StartAsync("--no-conn-monitor");
        (await b.CommandAsync($"dial {a.TcpAddress}")).GetProperty("ok").GetBoolean().Should().BeTrue();
        await using Libp2pHost host = await TestHosts.StartAsync();
        await using var dht = new KademliaDht(host, TestOptions());
        await host.DialAsync(a.TcpAddress, CancellationToken.None).WaitAsync(s_timeout);
        await WaitUntilAsync(() => dht.RoutingTable.Contains(PeerId.Parse(a.PeerId)));
        await WaitForJsRoutingTableAsync(a, 2);

        KadPeer? found = await dht.FindPeerAsync(PeerId.Parse(b.PeerId), CancellationToken.None).WaitAsync(s_timeout);
        found.Should().NotBeNull();
        found!.Addresses.Select(x => x.ToString()).Should().Contain(b.TcpAddress.WithoutPeerId().ToString());
        // FindPeerAsync only answers from FIND_NODE responses, never from local state. B may dial us on its own once
        // A has told it about us (js-libp2p's DHT does), but we must not have dialled B to learn its address.
        Connection? toB = host.Connections.Get(PeerId.Parse(b.PeerId));
        (toB?.Direction).Should().NotBe(ConnectionDirection.Outbound, "B was found through A, not dialled by us");
    }

    [Fact]
    public async Task Js_finds_a_peer_through_CSharp()
    {
        await using Libp2pHost host = await TestHosts.StartAsync();
        await using var dht = new KademliaDht(host, TestOptions());
        await using JsPeer a = await JsPeer.StartAsync("--no-conn-monitor");
        await using JsPeer b = await JsPeer.StartAsync("--no-conn-monitor");
        (await a.CommandAsync($"dial {host.TcpAddress()}")).GetProperty("ok").GetBoolean().Should().BeTrue();
        (await b.CommandAsync($"dial {host.WsAddress()}")).GetProperty("ok").GetBoolean().Should().BeTrue();
        await WaitUntilAsync(() => dht.RoutingTable.Contains(PeerId.Parse(a.PeerId)) && dht.RoutingTable.Contains(PeerId.Parse(b.PeerId)));
        await WaitForJsRoutingTableAsync(b, 1);

        JsonElement found = await b.CommandAsync($"find-peer {a.PeerId}", s_timeout);
        found.GetProperty("ok").GetBoolean().Should().BeTrue(found.GetRawText());
        found.GetProperty("peer").GetString().Should().Be(a.PeerId);
        found.GetProperty("multiaddrs").EnumerateArray().Select(m => m.GetString()).Should().Contain(a.TcpAddress.WithoutPeerId().ToString());
    }

    [Fact]
    public async Task Values_and_provider_records_cross_both_ways()
    {
        await using Libp2pHost host = await TestHosts.StartAsync();
        await using var dht = new KademliaDht(host, TestOptions());
        await using JsPeer js = await JsPeer.StartAsync("--no-conn-monitor");
        await host.DialAsync(js.TcpAddress, CancellationToken.None).WaitAsync(s_timeout);
        PeerId jsId = PeerId.Parse(js.PeerId);
        await WaitUntilAsync(() => dht.RoutingTable.Contains(jsId));
        await WaitForJsRoutingTableAsync(js, 1);

        // C# PUT, js GET.
        int stored = await dht.PutValueAsync(Encoding.UTF8.GetBytes("/test/from-csharp"), Encoding.UTF8.GetBytes("hello from C#"), CancellationToken.None).WaitAsync(s_timeout);
        stored.Should().BeGreaterThan(0);
        JsonElement get = await js.CommandAsync("get /test/from-csharp", s_timeout);
        get.GetProperty("ok").GetBoolean().Should().BeTrue(get.GetRawText());
        get.GetProperty("value").GetString().Should().Be("hello from C#");

        // js PUT, C# GET (from our store if js replicated to us, else over the network).
        JsonElement put = await js.CommandAsync("put /test/from-js hello from js", s_timeout);
        put.GetProperty("ok").GetBoolean().Should().BeTrue(put.GetRawText());
        byte[]? value = await dht.GetValueAsync(Encoding.UTF8.GetBytes("/test/from-js"), CancellationToken.None).WaitAsync(s_timeout);
        Encoding.UTF8.GetString(value!).Should().Be("hello from js");

        // C# provides, js finds the provider.
        int announced = await dht.ProvideAsync(ContentKey("csharp-content"), CancellationToken.None).WaitAsync(s_timeout);
        announced.Should().BeGreaterThan(0);
        JsonElement providers = await js.CommandAsync("find-providers csharp-content", s_timeout);
        providers.GetProperty("ok").GetBoolean().Should().BeTrue(providers.GetRawText());
        providers.GetProperty("providers").EnumerateArray().Select(p => p.GetString()).Should().Contain(host.PeerId.ToString());

        // js provides, C# finds the provider.
        JsonElement provide = await js.CommandAsync("provide js-content", s_timeout);
        provide.GetProperty("ok").GetBoolean().Should().BeTrue(provide.GetRawText());
        IReadOnlyList<KadPeer> found = await dht.FindProvidersAsync(ContentKey("js-content"), CancellationToken.None).WaitAsync(s_timeout);
        found.Select(p => p.Id).Should().Contain(jsId);
    }

    [Fact]
    public async Task A_custom_protocol_id_isolates_the_network()
    {
        const string fluenceKad = "/fluence/kad/testnet/1.0.0";
        await using Libp2pHost host = await TestHosts.StartAsync();
        await using var dht = new KademliaDht(host, TestOptions(fluenceKad));
        await using JsPeer js = await JsPeer.StartAsync("--no-conn-monitor", "--dht-protocol", fluenceKad);
        (await js.CommandAsync($"dial {host.TcpAddress()}")).GetProperty("ok").GetBoolean().Should().BeTrue();
        await WaitUntilAsync(() => dht.RoutingTable.Contains(PeerId.Parse(js.PeerId)));
        host.Protocols.Should().Contain(fluenceKad).And.NotContain(KadOptions.DefaultProtocolId);
        int stored = await dht.PutValueAsync(Encoding.UTF8.GetBytes("/test/fluence"), Encoding.UTF8.GetBytes("v"), CancellationToken.None).WaitAsync(s_timeout);
        stored.Should().Be(1);
    }

    internal static KadOptions TestOptions(string protocol = KadOptions.DefaultProtocolId) => new()
    {
        ProtocolId = protocol,
        Validators = new Dictionary<string, Func<byte[], byte[], bool>> { ["test"] = (_, _) => true },
    };

    internal static byte[] ContentKey(string text) => [0x12, 0x20, .. SHA256.HashData(Encoding.UTF8.GetBytes(text))];

    private static async Task WaitForJsRoutingTableAsync(JsPeer js, int size)
    {
        for (int i = 0; i < 200; i++)
        {
            JsonElement table = await js.CommandAsync("routing-table");
            if (table.TryGetProperty("size", out JsonElement s) && s.ValueKind == JsonValueKind.Number && s.GetInt32() >= size)
            {
                return;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"js routing table did not reach {size} peers");
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (int i = 0; i < 400 && !condition(); i++)
        {
            await Task.Delay(25);
        }

        condition().Should().BeTrue();
    }
}
