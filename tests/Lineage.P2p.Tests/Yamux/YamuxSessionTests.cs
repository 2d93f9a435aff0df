// SPDX-License-Identifier: Apache-2.0

using System.IO.Pipelines;
using System.Security.Cryptography;
using Lineage.P2p.Channels;
using Lineage.P2p.Tests.Infrastructure;
using Lineage.P2p.Yamux;

namespace Lineage.P2p.Tests.Yamux;

public sealed class YamuxSessionTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(20);

    [Theory]
    [InlineData(YamuxFrameType.WindowUpdate, YamuxFrameFlags.Syn, 1u, 0u, "000100010000000100000000")]
    [InlineData(YamuxFrameType.Data, YamuxFrameFlags.None, 1u, 36u, "000000000000000100000024")]
    [InlineData(YamuxFrameType.WindowUpdate, YamuxFrameFlags.Fin, 1u, 0u, "000100040000000100000000")]
    [InlineData(YamuxFrameType.Ping, YamuxFrameFlags.Ack, 0u, 7u, "000200020000000000000007")]
    [InlineData(YamuxFrameType.GoAway, YamuxFrameFlags.None, 0u, 0u, "000300000000000000000000")]
    public void Header_golden_vectors(YamuxFrameType type, YamuxFrameFlags flags, uint id, uint length, string hex)
    {
        byte[] bytes = new byte[12];
        new YamuxHeader(type, flags, id, length).Write(bytes);
        Convert.ToHexStringLower(bytes).Should().Be(hex);
        YamuxHeader.Read(bytes).Should().Be(new YamuxHeader(type, flags, id, length));
    }

    [Fact]
    public void Bad_version_and_type_are_rejected()
    {
        FluentActions.Invoking(() => YamuxHeader.Read(Convert.FromHexString("010000000000000100000000"))).Should().Throw<YamuxProtocolException>();
        FluentActions.Invoking(() => YamuxHeader.Read(Convert.FromHexString("000400000000000100000000"))).Should().Throw<YamuxProtocolException>();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(7)]
    public async Task Echo_of_four_MiB_crosses_flow_control_with_fragmented_reads(int fragment)
    {
        await using var pair = new YamuxPair(fragment);
        Task server = EchoServerAsync(pair.Server, 1);
        byte[] payload = RandomNumberGenerator.GetBytes(4 * 1024 * 1024);
        byte[] echoed = await EchoAsync(pair.Client, payload);
        echoed.Should().Equal(payload);
        await server.WaitAsync(s_timeout);
    }

    [Fact]
    public async Task Sixty_four_concurrent_streams_each_echo_their_own_bytes()
    {
        await using var pair = new YamuxPair();
        Task server = EchoServerAsync(pair.Server, 64);
        byte[][] payloads = Enumerable.Range(0, 64).Select(_ => RandomNumberGenerator.GetBytes(256 * 1024)).ToArray();
        byte[][] results = await Task.WhenAll(payloads.Select(p => EchoAsync(pair.Client, p)));
        for (int i = 0; i < payloads.Length; i++)
        {
            results[i].Should().Equal(payloads[i]);
        }

        await server.WaitAsync(s_timeout);
        pair.Client.StreamCount.Should().Be(0);
    }

    [Fact]
    public async Task A_stream_nobody_reads_does_not_block_the_others()
    {
        await using var pair = new YamuxPair();
        YamuxStream stalled = pair.Client.OpenStream();
        YamuxStream stalledRemote = await pair.Server.AcceptStreamAsync(CancellationToken.None).AsTask().WaitAsync(s_timeout);
        Task fill = stalled.WriteAsync(new byte[1024 * 1024]).AsTask();
        await Task.Delay(100);
        fill.IsCompleted.Should().BeFalse("the remote granted only 256 KiB and reads nothing");

        Task server = EchoServerAsync(pair.Server, 1);
        byte[] payload = RandomNumberGenerator.GetBytes(1024 * 1024);
        (await EchoAsync(pair.Client, payload)).Should().Equal(payload);
        await server.WaitAsync(s_timeout);

        stalled.Reset();
        await FluentActions.Awaiting(() => fill.WaitAsync(s_timeout)).Should().ThrowAsync<YamuxStreamResetException>();
        // The RST frame may still be in flight, so the remote can hand out buffered bytes until it arrives; from
        // then on reads fail. Drain until that happens: a clean end of stream instead would be a bug.
        await FluentActions.Awaiting(() => ReadUntilEndAsync(stalledRemote).WaitAsync(s_timeout)).Should().ThrowAsync<YamuxStreamResetException>();
    }

    private static async Task ReadUntilEndAsync(YamuxStream stream)
    {
        byte[] buffer = new byte[64 * 1024];
        while (await stream.ReadAsync(buffer) > 0)
        {
        }
    }

    [Fact]
    public async Task Window_grows_for_a_fast_reader()
    {
        await using var pair = new YamuxPair();
        Task server = EchoServerAsync(pair.Server, 1);
        YamuxStream stream = pair.Client.OpenStream();
        byte[] payload = new byte[8 * 1024 * 1024];
        Task write = Task.Run(async () =>
        {
            await stream.WriteAsync(payload);
            await stream.CloseWriteAsync();
        });
        byte[] buffer = new byte[256 * 1024];
        long total = 0;
        int read;
        while ((read = await stream.ReadAsync(buffer).AsTask().WaitAsync(s_timeout)) > 0)
        {
            total += read;
        }

        total.Should().Be(payload.Length);
        stream.ReceiveWindow.Should().BeGreaterThan(YamuxOptions.DefaultWindow);
        await write;
        await server.WaitAsync(s_timeout);
    }

    [Fact]
    public async Task Ping_measures_a_round_trip()
    {
        await using var pair = new YamuxPair();
        TimeSpan rtt = await pair.Client.PingAsync(CancellationToken.None).WaitAsync(s_timeout);
        rtt.Should().BeGreaterThan(TimeSpan.Zero);
        (await pair.Server.PingAsync(CancellationToken.None).WaitAsync(s_timeout)).Should().BeGreaterThan(TimeSpan.Zero);
    }

    [Fact]
    public async Task Inbound_stream_limit_resets_excess_streams()
    {
        await using var pair = new YamuxPair(serverOptions: new YamuxOptions { MaxInboundStreams = 2, KeepAliveInterval = TimeSpan.Zero });
        YamuxStream s1 = pair.Client.OpenStream();
        YamuxStream s2 = pair.Client.OpenStream();
        YamuxStream s3 = pair.Client.OpenStream();
        await FluentActions.Awaiting(async () => await s3.ReadAsync(new byte[1]).AsTask().WaitAsync(s_timeout)).Should().ThrowAsync<YamuxStreamResetException>();
        (await pair.Server.AcceptStreamAsync(CancellationToken.None).AsTask().WaitAsync(s_timeout)).Id.Should().Be(s1.Id);
        (await pair.Server.AcceptStreamAsync(CancellationToken.None).AsTask().WaitAsync(s_timeout)).Id.Should().Be(s2.Id);
    }

    [Fact]
    public async Task Outbound_stream_limit_is_enforced_locally()
    {
        await using var pair = new YamuxPair(clientOptions: new YamuxOptions { MaxOutboundStreams = 1, KeepAliveInterval = TimeSpan.Zero });
        pair.Client.OpenStream();
        FluentActions.Invoking(() => pair.Client.OpenStream()).Should().Throw<IOException>().WithMessage("*limit*");
    }

    [Fact]
    public async Task Go_away_stops_new_streams_and_ends_the_session()
    {
        var pair = new YamuxPair();
        await pair.Client.DisposeAsync();
        await pair.Server.Completion.WaitAsync(s_timeout);
        FluentActions.Invoking(() => pair.Server.OpenStream()).Should().Throw<IOException>();
        await pair.Server.DisposeAsync();
    }

    [Theory]
    [InlineData("000000010000000100000004aabbccdd", "parity")]
    [InlineData("000000000000000000000004aabbccdd", "stream 0")]
    [InlineData("000200010000000500000001", "ping on stream")]
    [InlineData("050000000000000200000000", "version")]
    [InlineData("000000010000000200080000", "window")]
    public async Task Protocol_violations_end_the_session_with_a_clear_error(string hex, string reason)
    {
        (IDuplexPipe a, IDuplexPipe b) = TestPipes.CreatePair();
        var session = new YamuxSession(new PipeByteChannel(b.Input, b.Output), isClient: true, new YamuxOptions { KeepAliveInterval = TimeSpan.Zero });
        session.Start();
        byte[] frame = Convert.FromHexString(hex);
        if (reason == "window")
        {
            // SYN with 512 KiB of data: twice the initial window.
            frame = [.. frame, .. new byte[0x80000]];
        }

        await a.Output.WriteAsync(frame);
        await session.Completion.WaitAsync(s_timeout);
        session.TerminationError.Should().BeOfType<YamuxProtocolException>().Which.Message.Should().Contain(reason);
        await session.DisposeAsync();
    }

    [Fact]
    public async Task Truncated_frame_at_connection_end_fails_open_streams()
    {
        (IDuplexPipe a, IDuplexPipe b) = TestPipes.CreatePair();
        var session = new YamuxSession(new PipeByteChannel(b.Input, b.Output), isClient: false, new YamuxOptions { KeepAliveInterval = TimeSpan.Zero });
        session.Start();
        await a.Output.WriteAsync(Convert.FromHexString("000100010000000100000000" + "0000000000000001000000ff" + "0102"));
        YamuxStream stream = await session.AcceptStreamAsync(CancellationToken.None).AsTask().WaitAsync(s_timeout);
        a.Output.Complete();
        await session.Completion.WaitAsync(s_timeout);
        await FluentActions.Awaiting(async () =>
        {
            byte[] buffer = new byte[1024];
            while (await stream.ReadAsync(buffer) > 0)
            {
            }
        }).Should().ThrowAsync<YamuxStreamResetException>();
        await session.DisposeAsync();
    }

    internal static async Task<byte[]> EchoAsync(YamuxSession session, byte[] payload)
    {
        YamuxStream stream = session.OpenStream();
        Task write = Task.Run(async () =>
        {
            for (int offset = 0; offset < payload.Length; offset += 100_000)
            {
                await stream.WriteAsync(payload.AsMemory(offset, Math.Min(100_000, payload.Length - offset)));
            }

            await stream.CloseWriteAsync();
        });
        using var received = new MemoryStream();
        await stream.CopyToAsync(received).WaitAsync(s_timeout);
        await write.WaitAsync(s_timeout);
        await stream.DisposeAsync();
        return received.ToArray();
    }

    internal static async Task EchoServerAsync(YamuxSession session, int streams)
    {
        var handlers = new List<Task>();
        for (int i = 0; i < streams; i++)
        {
            YamuxStream stream = await session.AcceptStreamAsync(CancellationToken.None);
            handlers.Add(Task.Run(async () =>
            {
                await stream.CopyToAsync(stream);
                await stream.CloseWriteAsync();
                await stream.DisposeAsync();
            }));
        }

        await Task.WhenAll(handlers);
    }
}
