// SPDX-License-Identifier: Apache-2.0

using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using Lineage.P2p.Multistream;
using Lineage.P2p.Tests.Infrastructure;

namespace Lineage.P2p.Tests.Multistream;

public sealed class MultistreamSelectTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public void Messages_match_the_documented_bytes()
    {
        var pipe = new Pipe();
        MultistreamSelect.WriteMessage(pipe.Writer, "/multistream/1.0.0");
        MultistreamSelect.WriteMessage(pipe.Writer, "na");
        pipe.Writer.Complete();
        pipe.Reader.TryRead(out ReadResult result).Should().BeTrue();
        Convert.ToHexStringLower(result.Buffer.ToArray()).Should().Be("132f6d756c746973747265616d2f312e302e300a" + "036e610a");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(1000)]
    public async Task Dialer_and_listener_agree_after_na_with_fragmented_reads(int fragment)
    {
        (IDuplexPipe dialer, IDuplexPipe listener) = TestPipes.CreatePair();
        var fragmentingDialer = new Pipe();
        Task relay = RelayFragmentedAsync(fragmentingDialer.Reader, dialer.Output, fragment);
        Task<string> listen = MultistreamSelect.ListenAsync(listener.Input, listener.Output, p => p == "/yamux/1.0.0", () => ["/yamux/1.0.0"], CancellationToken.None).AsTask();
        string selected = await MultistreamSelect.SelectAsync(dialer.Input, fragmentingDialer.Writer, ["/mplex/6.7.0", "/yamux/1.0.0"], CancellationToken.None).AsTask().WaitAsync(s_timeout);
        selected.Should().Be("/yamux/1.0.0");
        (await listen.WaitAsync(s_timeout)).Should().Be("/yamux/1.0.0");
        fragmentingDialer.Writer.Complete();
        await relay.WaitAsync(s_timeout);
    }

    [Fact]
    public async Task Pipelined_data_after_the_protocol_line_is_kept_for_the_next_layer()
    {
        (IDuplexPipe dialer, IDuplexPipe listener) = TestPipes.CreatePair();
        Func<CancellationToken, ValueTask> confirm = await MultistreamSelect.SelectLazyAsync(dialer.Input, dialer.Output, "/echo/1.0.0", CancellationToken.None);
        await dialer.Output.WriteAsync(Encoding.ASCII.GetBytes("early-data"));
        string selected = await MultistreamSelect.ListenAsync(listener.Input, listener.Output, p => p == "/echo/1.0.0", null, CancellationToken.None).AsTask().WaitAsync(s_timeout);
        selected.Should().Be("/echo/1.0.0");
        ReadResult read = await listener.Input.ReadAtLeastAsync(10).AsTask().WaitAsync(s_timeout);
        Encoding.ASCII.GetString(read.Buffer.ToArray()).Should().Be("early-data");
        await confirm(CancellationToken.None).AsTask().WaitAsync(s_timeout);
    }

    [Fact]
    public async Task Lazy_dialer_learns_about_na_at_its_first_read()
    {
        (IDuplexPipe dialer, IDuplexPipe listener) = TestPipes.CreatePair();
        Func<CancellationToken, ValueTask> confirm = await MultistreamSelect.SelectLazyAsync(dialer.Input, dialer.Output, "/nope/1.0.0", CancellationToken.None);
        Task listen = MultistreamSelect.ListenAsync(listener.Input, listener.Output, _ => false, null, CancellationToken.None).AsTask();
        await FluentActions.Awaiting(async () => await confirm(CancellationToken.None)).Should().ThrowAsync<ProtocolNotSupportedException>();
        listener.Input.Complete();
        await FluentActions.Awaiting(() => listen.WaitAsync(s_timeout)).Should().ThrowAsync<Exception>();
    }

    [Fact]
    public async Task All_refused_raises_protocol_not_supported()
    {
        (IDuplexPipe dialer, IDuplexPipe listener) = TestPipes.CreatePair();
        Task listen = MultistreamSelect.ListenAsync(listener.Input, listener.Output, _ => false, null, CancellationToken.None).AsTask();
        await FluentActions.Awaiting(() => MultistreamSelect.SelectAsync(dialer.Input, dialer.Output, ["/a", "/b"], CancellationToken.None).AsTask().WaitAsync(s_timeout))
            .Should().ThrowAsync<ProtocolNotSupportedException>();
        dialer.Output.Complete();
        await FluentActions.Awaiting(() => listen.WaitAsync(s_timeout)).Should().ThrowAsync<MultistreamException>();
    }

    [Fact]
    public async Task Ls_is_answered_with_the_protocol_list()
    {
        (IDuplexPipe dialer, IDuplexPipe listener) = TestPipes.CreatePair();
        Task<string> listen = MultistreamSelect.ListenAsync(listener.Input, listener.Output, p => p == "/x", () => ["/x", "/y"], CancellationToken.None).AsTask();
        MultistreamSelect.WriteMessage(dialer.Output, MultistreamSelect.ProtocolId);
        MultistreamSelect.WriteMessage(dialer.Output, "ls");
        await dialer.Output.FlushAsync();
        (await MultistreamSelect.ReadMessageAsync(dialer.Input, CancellationToken.None)).Should().Be(MultistreamSelect.ProtocolId);
        ReadResult list = await dialer.Input.ReadAtLeastAsync(1 + 3 + 3 + 1).AsTask().WaitAsync(s_timeout);
        Convert.ToHexStringLower(list.Buffer.ToArray()).Should().Be("09" + "032f780a" + "032f790a" + "0a");
        dialer.Input.AdvanceTo(list.Buffer.End);
        MultistreamSelect.WriteMessage(dialer.Output, "/x");
        await dialer.Output.FlushAsync();
        (await listen.WaitAsync(s_timeout)).Should().Be("/x");
    }

    [Theory]
    [InlineData("132f6d756c746973747265616d2f312e302e3020", "newline")]
    [InlineData("ffff03", "length prefix")]
    [InlineData("8109", "out of range")]
    [InlineData("00", "out of range")]
    [InlineData("05616263", "ended inside")]
    [InlineData("0c2f6d756c746973747265610a", "expected header")]
    public async Task Malformed_messages_are_rejected(string hex, string reason)
    {
        var pipe = new Pipe();
        await pipe.Writer.WriteAsync(Convert.FromHexString(hex));
        pipe.Writer.Complete();
        var output = new Pipe();
        (await FluentActions.Awaiting(() => MultistreamSelect.ListenAsync(pipe.Reader, output.Writer, _ => true, null, CancellationToken.None).AsTask())
            .Should().ThrowAsync<MultistreamException>()).Which.Message.Should().Contain(reason);
    }

    private static async Task RelayFragmentedAsync(PipeReader from, PipeWriter to, int fragment)
    {
        while (true)
        {
            ReadResult result = await from.ReadAsync();
            foreach (ReadOnlyMemory<byte> segment in result.Buffer)
            {
                for (int i = 0; i < segment.Length; i += fragment)
                {
                    await to.WriteAsync(segment.Slice(i, Math.Min(fragment, segment.Length - i)));
                    await Task.Yield();
                }
            }

            from.AdvanceTo(result.Buffer.End);
            if (result.IsCompleted)
            {
                return;
            }
        }
    }
}
