// SPDX-License-Identifier: Apache-2.0

using System.Security.Cryptography;
using System.Text.Json;
using Lineage.P2p.Hosting;
using Lineage.P2p.Identify;
using Lineage.P2p.Multiaddresses;
using Lineage.P2p.Tests.Infrastructure;

namespace Lineage.P2p.Tests.Interop;

/// <summary>Interop with the real js-libp2p 3.3.11 peer, both directions, TCP and WS.</summary>
[Collection("js-interop")]
public sealed class JsInteropTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task CSharp_dials_js_pings_and_identifies(bool webSocket)
    {
        await using JsPeer js = await JsPeer.StartAsync();
        await using Libp2pHost host = await TestHosts.StartAsync();
        Multiaddr target = webSocket ? js.WsAddress : js.TcpAddress;

        Connection connection = await host.DialAsync(target, CancellationToken.None).WaitAsync(s_timeout);
        connection.RemotePeer.ToString().Should().Be(js.PeerId);
        connection.MuxerNegotiation.Should().Be("inlined");

        IReadOnlyList<TimeSpan> rtts = await host.Ping.PingAsync(target, 3, CancellationToken.None).WaitAsync(s_timeout);
        rtts.Should().HaveCount(3).And.OnlyContain(t => t > TimeSpan.Zero && t < TimeSpan.FromSeconds(5));

        IdentifyMessage identify = await host.Identify.IdentifyAsync(connection, CancellationToken.None).WaitAsync(s_timeout);
        identify.AgentVersion.Should().StartWith("js-libp2p/");
        identify.Protocols.Should().Contain(["/echo/1.0.0", "/ipfs/id/1.0.0", "/ipfs/ping/1.0.0", "/ipfs/kad/1.0.0"]);
        identify.ListenAddresses!.Select(a => a.ToString()).Should().Contain(target.WithoutPeerId().ToString());
        identify.ObservedAddress.Should().NotBeNull();

        // js identified us too: our protocols and listen addresses as js parsed them.
        JsonElement seen = await js.WaitForAsync(e => JsPeer.Event(e) == "peer-identify" && e.GetProperty("peer").GetString() == host.PeerId.ToString(), s_timeout);
        seen.GetProperty("agentVersion").GetString().Should().Be("lineage-test/1.0");
        string[] protocols = seen.GetProperty("protocols").EnumerateArray().Select(p => p.GetString()!).ToArray();
        protocols.Should().Contain(["/echo/1.0.0", "/ipfs/id/1.0.0", "/ipfs/ping/1.0.0"]);
        string[] listen = seen.GetProperty("listenAddrs").EnumerateArray().Select(p => p.GetString()!).ToArray();
        listen.Should().Contain(host.ListenAddresses.Select(a => a.ToString()));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Js_dials_CSharp_pings_and_identifies(bool webSocket)
    {
        await using Libp2pHost host = await TestHosts.StartAsync();
        await using JsPeer js = await JsPeer.StartAsync();
        Multiaddr target = webSocket ? host.WsAddress() : host.TcpAddress();

        JsonElement dial = await js.CommandAsync($"dial {target}");
        dial.GetProperty("ok").GetBoolean().Should().BeTrue(dial.GetRawText());
        JsonElement ping = await js.CommandAsync($"ping {target} 3");
        ping.GetProperty("ok").GetBoolean().Should().BeTrue(ping.GetRawText());
        ping.GetProperty("rtts").GetArrayLength().Should().Be(3);

        JsonElement seen = await js.WaitForAsync(e => JsPeer.Event(e) == "peer-identify" && e.GetProperty("peer").GetString() == host.PeerId.ToString(), s_timeout);
        seen.GetProperty("protocols").EnumerateArray().Select(p => p.GetString()).Should().Contain("/echo/1.0.0");
        JsonElement open = await js.WaitForAsync(e => JsPeer.Event(e) == "connection-open" && e.GetProperty("peer").GetString() == host.PeerId.ToString(), s_timeout);
        open.GetProperty("multiplexer").GetString().Should().Be("/yamux/1.0.0");
        open.GetProperty("encryption").GetString().Should().Be("/noise");

        // We identified js over its inbound connection to us.
        PeerInfo? info = null;
        for (int i = 0; i < 100 && info?.AgentVersion is null; i++)
        {
            info = host.PeerStore.Get(Lineage.P2p.Identity.PeerId.Parse(js.PeerId));
            await Task.Delay(50);
        }

        info!.AgentVersion.Should().StartWith("js-libp2p/");
        info.Protocols.Should().Contain("/ipfs/kad/1.0.0");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Muxer_falls_back_to_multistream_when_not_inlined(bool jsDials)
    {
        await using var host = new Libp2pHost(new HostOptions
        {
            ListenAddresses = [Multiaddr.Parse("/ip4/127.0.0.1/tcp/0/ws")],
            InlineMuxerNegotiation = false,
        });
        host.SetHandler(TestHosts.EchoProtocol, TestHosts.EchoAsync);
        await host.StartAsync(CancellationToken.None);
        await using JsPeer js = await JsPeer.StartAsync();
        if (jsDials)
        {
            Multiaddr target = host.ListenAddresses[0].WithPeerId(host.PeerId);
            JsonElement echo = await js.CommandAsync($"echo {target} over a multistream-negotiated muxer", s_timeout);
            echo.GetProperty("ok").GetBoolean().Should().BeTrue(echo.GetRawText());
            host.Connections.All.Single().MuxerNegotiation.Should().Be("multistream");
        }
        else
        {
            Connection connection = await host.DialAsync(js.WsAddress, CancellationToken.None).WaitAsync(s_timeout);
            connection.MuxerNegotiation.Should().Be("multistream");
            (await host.Ping.PingAsync(js.WsAddress, 2, CancellationToken.None).WaitAsync(s_timeout)).Should().HaveCount(2);
            byte[] payload = RandomNumberGenerator.GetBytes(1024 * 1024);
            (await TestHosts.EchoOverAsync(connection, payload, CancellationToken.None).WaitAsync(s_timeout)).Should().Equal(payload);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Echo_sixteen_MiB_and_sixty_four_streams_CSharp_to_js(bool webSocket)
    {
        await using JsPeer js = await JsPeer.StartAsync("--no-conn-monitor");
        await using Libp2pHost host = await TestHosts.StartAsync();
        Connection connection = await host.DialAsync(webSocket ? js.WsAddress : js.TcpAddress, CancellationToken.None).WaitAsync(s_timeout);

        byte[] big = RandomNumberGenerator.GetBytes(16 * 1024 * 1024);
        byte[] echoed = await TestHosts.EchoOverAsync(connection, big, CancellationToken.None).WaitAsync(s_timeout);
        SHA256.HashData(echoed).Should().Equal(SHA256.HashData(big));

        byte[][] payloads = Enumerable.Range(0, 64).Select(_ => RandomNumberGenerator.GetBytes(1024 * 1024)).ToArray();
        byte[][] results = await Task.WhenAll(payloads.Select(p => TestHosts.EchoOverAsync(connection, p, CancellationToken.None))).WaitAsync(s_timeout);
        for (int i = 0; i < payloads.Length; i++)
        {
            results[i].AsSpan().SequenceEqual(payloads[i]).Should().BeTrue($"stream {i} must echo its own bytes");
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Echo_sixteen_MiB_and_sixty_four_streams_js_to_CSharp(bool webSocket)
    {
        await using Libp2pHost host = await TestHosts.StartAsync();
        await using JsPeer js = await JsPeer.StartAsync("--no-conn-monitor");
        Multiaddr target = webSocket ? host.WsAddress() : host.TcpAddress();
        JsonElement big = await js.CommandAsync($"echo-size {target} {16 * 1024 * 1024}", s_timeout);
        big.GetProperty("ok").GetBoolean().Should().BeTrue(big.GetRawText());
        big.GetProperty("bytes").GetInt32().Should().Be(16 * 1024 * 1024);

        // 64 concurrent echo commands: js runs them in parallel on its connection to us.
        string peer = host.PeerId.ToString();
        Task<JsonElement>[] many = Enumerable.Range(0, 64).Select(i => js.CommandAsync($"echo-size {peer} {1024 * 1024 + i}", s_timeout)).ToArray();
        JsonElement[] answers = await Task.WhenAll(many);
        answers.Should().OnlyContain(a => a.GetProperty("ok").GetBoolean());
    }
}
