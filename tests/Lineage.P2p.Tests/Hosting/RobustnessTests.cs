// SPDX-License-Identifier: Apache-2.0

using System.Net;
using System.Net.Sockets;
using Lineage.P2p.Hosting;
using Lineage.P2p.Identity;
using Lineage.P2p.Multiaddresses;
using Lineage.P2p.Noise;
using Lineage.P2p.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Lineage.P2p.Tests.Hosting;

public sealed class RobustnessTests(ITestOutputHelper output)
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData("garbage that is not multistream")]
    [InlineData("13/multistream/1.0.0\n07/noise\n0020")]
    [InlineData("13/multistream/1.0.0\n07/noise\nFFFF")]
    [InlineData("13/multistream/1.0.0\n07/noise\n0020XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX00D8")]
    [InlineData("ffff/")]
    public async Task Malformed_or_truncated_handshakes_are_dropped_and_the_host_keeps_serving(string script)
    {
        await using Libp2pHost server = await TestHosts.StartAsync(webSocket: false);
        using Socket raw = await ConnectRawAsync(server);
        await raw.SendAsync(Encode(script));
        raw.Shutdown(SocketShutdown.Send);
        (await DrainUntilClosedAsync(raw)).Should().BeTrue("the host closes a connection whose handshake is malformed or truncated");

        await using Libp2pHost client = await TestHosts.StartAsync(webSocket: false);
        IReadOnlyList<TimeSpan> rtt = await client.Ping.PingAsync(server.TcpAddress(), 1, CancellationToken.None).WaitAsync(s_timeout);
        rtt.Should().HaveCount(1);
    }

    [Fact]
    public async Task Oversized_multistream_line_is_rejected()
    {
        await using Libp2pHost server = await TestHosts.StartAsync(webSocket: false);
        using Socket raw = await ConnectRawAsync(server);
        byte[] header = Encode("13/multistream/1.0.0\n");
        await raw.SendAsync(header.Concat(new byte[] { 0x81, 0x20 }).Concat(new byte[4097]).ToArray());
        (await DrainUntilClosedAsync(raw)).Should().BeTrue();
    }

    [Fact]
    public async Task Dialling_with_the_wrong_peer_id_fails_cleanly()
    {
        await using Libp2pHost server = await TestHosts.StartAsync(webSocket: false);
        await using Libp2pHost client = await TestHosts.StartAsync(webSocket: false);
        Multiaddr wrong = server.ListenAddresses[0].WithPeerId(PrivateKey.Generate().PeerId);
        await FluentActions.Awaiting(() => client.DialAsync(wrong, CancellationToken.None).WaitAsync(s_timeout)).Should().ThrowAsync<PeerIdMismatchException>();
        client.Connections.Count.Should().Be(0);
        (await client.Ping.PingAsync(server.TcpAddress(), 1, CancellationToken.None).WaitAsync(s_timeout)).Should().HaveCount(1);
    }

    [Fact]
    public async Task A_stalling_peer_does_not_block_others_and_is_cut_off()
    {
        await using var server = new Libp2pHost(new HostOptions
        {
            ListenAddresses = [Multiaddr.Parse("/ip4/127.0.0.1/tcp/0")],
            InboundUpgradeTimeout = TimeSpan.FromSeconds(1),
        });
        server.SetHandler(TestHosts.EchoProtocol, TestHosts.EchoAsync);
        await server.StartAsync(CancellationToken.None);
        Multiaddr address = server.ListenAddresses[0].WithPeerId(server.PeerId);

        var stalled = new List<Socket>();
        for (int i = 0; i < 20; i++)
        {
            Socket s = await ConnectRawAsync(server);
            await s.SendAsync(Encode("13/multistream/1.0.0\n")); // and then nothing
            stalled.Add(s);
        }

        await using Libp2pHost client = await TestHosts.StartAsync(webSocket: false);
        Connection connection = await client.DialAsync(address, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5));
        byte[] payload = new byte[1024 * 1024];
        Random.Shared.NextBytes(payload);
        (await TestHosts.EchoOverAsync(connection, payload, CancellationToken.None).WaitAsync(s_timeout)).Should().Equal(payload);

        foreach (Socket s in stalled)
        {
            (await DrainUntilClosedAsync(s)).Should().BeTrue("the upgrade deadline closes stalled handshakes");
            s.Dispose();
        }
    }

    [Fact]
    public async Task Concurrent_dials_to_one_peer_share_a_single_connection()
    {
        await using Libp2pHost server = await TestHosts.StartAsync(webSocket: false);
        await using Libp2pHost client = await TestHosts.StartAsync(webSocket: false);
        Connection[] connections = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => client.DialAsync(server.TcpAddress(), CancellationToken.None))).WaitAsync(s_timeout);
        connections.Distinct().Should().HaveCount(1);
        client.Connections.Count.Should().Be(1);
    }

    [Fact]
    public async Task Dial_timeout_and_cancellation_are_honoured()
    {
        using var silent = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        silent.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        silent.Listen(16); // accepts the TCP handshake, never speaks
        int port = ((IPEndPoint)silent.LocalEndPoint!).Port;
        await using var client = new Libp2pHost(new HostOptions { DialTimeout = TimeSpan.FromMilliseconds(500) });
        await client.StartAsync(CancellationToken.None);
        var target = Multiaddr.Parse($"/ip4/127.0.0.1/tcp/{port}/p2p/{PrivateKey.Generate().PeerId}");
        await FluentActions.Awaiting(() => client.DialAsync(target, CancellationToken.None).WaitAsync(s_timeout)).Should().ThrowAsync<TimeoutException>();
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        await FluentActions.Awaiting(() => client.DialAsync(Multiaddr.Parse($"/ip4/127.0.0.1/tcp/{port}"), cancel.Token)).Should().ThrowAsync<OperationCanceledException>();
    }

    [Fact]
    public async Task Idle_connections_are_trimmed()
    {
        var limits = new ConnectionLimits { IdleTimeout = TimeSpan.FromMilliseconds(300), GracePeriod = TimeSpan.Zero, TrimInterval = TimeSpan.FromMilliseconds(100) };
        await using Libp2pHost server = await TestHosts.StartAsync(webSocket: false, limits: limits);
        await using Libp2pHost client = await TestHosts.StartAsync(webSocket: false);
        Connection connection = await client.DialAsync(server.TcpAddress(), CancellationToken.None).WaitAsync(s_timeout);
        await connection.Closed.WaitAsync(s_timeout);
        for (int i = 0; i < 200 && server.Connections.Count > 0; i++)
        {
            await Task.Delay(25);
        }

        server.Connections.Count.Should().Be(0);
    }

    [Fact]
    public async Task One_thousand_concurrent_connections_are_held()
    {
        const int count = 1000;
        var limits = new ConnectionLimits { MaxConnections = 1100, MaxConnectionsPerPeer = 1100, HighWater = 1100, LowWater = 1050, IdleTimeout = TimeSpan.Zero };
        await using Libp2pHost server = await TestHosts.StartAsync(webSocket: false, limits: limits);
        await using Libp2pHost client = await TestHosts.StartAsync(webSocket: false, limits: limits);
        Multiaddr address = server.ListenAddresses[0]; // no /p2p/: every dial opens a new connection
        long before = GC.GetTotalMemory(forceFullCollection: true);
        var connections = new List<Connection>();
        for (int batch = 0; batch < count / 50; batch++)
        {
            connections.AddRange(await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => client.DialAsync(address, CancellationToken.None))).WaitAsync(s_timeout));
        }

        for (int i = 0; i < 100 && server.Connections.Count < count; i++)
        {
            await Task.Delay(50);
        }

        server.Connections.Count.Should().Be(count);
        client.Connections.Count.Should().Be(count);
        await Task.Delay(500); // identify exchanges settle
        long after = GC.GetTotalMemory(forceFullCollection: true);
        double perConnectionEnd = (after - before) / (2.0 * count);
        output.WriteLine($"{count} idle connections held; managed memory per connection end: {perConnectionEnd / 1024:0.0} KiB");

        // All still usable.
        foreach (Connection c in connections.Take(20))
        {
            (await c.PingMuxerAsync(CancellationToken.None).WaitAsync(s_timeout)).Should().BeGreaterThan(TimeSpan.Zero);
        }

        perConnectionEnd.Should().BeLessThan(256 * 1024);
    }

    private static async Task<Socket> ConnectRawAsync(Libp2pHost host)
    {
        host.ListenAddresses[0].TryGetTcpEndpoint(out _, out int port, out _);
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port));
        return socket;
    }

    // The script is text where a two-hex-digit prefix stands for a varint length byte; "0020"/"FFFF" are raw.
    private static byte[] Encode(string script)
    {
        var bytes = new List<byte>();
        int i = 0;
        while (i < script.Length)
        {
            if (i + 2 <= script.Length && Uri.IsHexDigit(script[i]) && Uri.IsHexDigit(script[i + 1]))
            {
                bytes.Add(Convert.ToByte(script.Substring(i, 2), 16));
                i += 2;
            }
            else
            {
                bytes.Add((byte)script[i]);
                i++;
            }
        }

        return [.. bytes];
    }

    private static async Task<bool> DrainUntilClosedAsync(Socket socket)
    {
        byte[] buffer = new byte[4096];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        try
        {
            while (await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token) > 0)
            {
            }

            return true;
        }
        catch (SocketException)
        {
            return true; // reset by the host: also closed
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
