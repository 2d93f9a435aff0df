// SPDX-License-Identifier: Apache-2.0

using System.Buffers;
using System.Buffers.Binary;
using System.IO.Pipelines;
using System.Security.Cryptography;
using Lineage.P2p.Identity;
using Lineage.P2p.Noise;
using Lineage.P2p.Tests.Infrastructure;

namespace Lineage.P2p.Tests.Noise;

public sealed class NoiseHandshakeTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(10);

    [Theory]
    [InlineData(KeyType.Ed25519, KeyType.Ed25519)]
    [InlineData(KeyType.Secp256k1, KeyType.Ed25519)]
    [InlineData(KeyType.Ed25519, KeyType.Secp256k1)]
    public async Task Both_sides_authenticate_each_other_and_agree_on_the_inlined_muxer(KeyType initiatorType, KeyType responderType)
    {
        PrivateKey initiatorKey = PrivateKey.Generate(initiatorType);
        PrivateKey responderKey = PrivateKey.Generate(responderType);
        (NoiseResult initiator, NoiseResult responder) = await SecuredPair.HandshakeAsync(initiatorKey, responderKey);
        initiator.RemotePeer.Should().Be(responderKey.PeerId);
        responder.RemotePeer.Should().Be(initiatorKey.PeerId);
        initiator.Muxer.Should().Be("/yamux/1.0.0");
        responder.Muxer.Should().Be("/yamux/1.0.0");

        byte[] big = RandomNumberGenerator.GetBytes(200_000);
        await initiator.Channel.WriteAsync(big, CancellationToken.None);
        var received = new ArrayBufferWriter<byte>();
        while (received.WrittenCount < big.Length)
        {
            ReadOnlyMemory<byte> chunk = await responder.Channel.ReadAsync(CancellationToken.None).AsTask().WaitAsync(s_timeout);
            chunk.Length.Should().BeLessThanOrEqualTo(NoiseChannel.MaxPlaintextPerFrame);
            received.Write(chunk.Span);
        }

        received.WrittenSpan.SequenceEqual(big).Should().BeTrue();
        await responder.Channel.WriteAsync("pong"u8.ToArray(), CancellationToken.None);
        (await initiator.Channel.ReadAsync(CancellationToken.None)).ToArray().Should().Equal("pong"u8.ToArray());
    }

    [Fact]
    public async Task Empty_muxer_list_falls_back_to_multistream()
    {
        (NoiseResult initiator, NoiseResult responder) = await SecuredPair.HandshakeAsync(PrivateKey.Generate(), PrivateKey.Generate(), initiatorMuxers: []);
        initiator.Muxer.Should().BeNull();
        responder.Muxer.Should().BeNull();
    }

    [Fact]
    public async Task Disjoint_muxer_lists_fail_the_handshake()
    {
        await FluentActions.Awaiting(() => SecuredPair.HandshakeAsync(PrivateKey.Generate(), PrivateKey.Generate(), initiatorMuxers: ["/mplex/6.7.0"]))
            .Should().ThrowAsync<NoiseHandshakeException>().WithMessage("*no common stream muxer*");
    }

    [Fact]
    public async Task A_different_peer_than_dialled_is_rejected()
    {
        PrivateKey other = PrivateKey.Generate();
        await FluentActions.Awaiting(() => SecuredPair.HandshakeAsync(PrivateKey.Generate(), PrivateKey.Generate(), expected: other.PeerId))
            .Should().ThrowAsync<PeerIdMismatchException>();
    }

    [Fact]
    public async Task Message_sizes_match_the_reference_for_ed25519_with_yamux()
    {
        (IDuplexPipe a, IDuplexPipe b) = TestPipes.CreatePair();
        var tapAtoB = new Pipe();
        var tapBtoA = new Pipe();
        var lengthsAtoB = new List<int>();
        var lengthsBtoA = new List<int>();
        Task relay1 = RelayAsync(tapAtoB.Reader, a.Output, lengthsAtoB);
        Task relay2 = RelayAsync(tapBtoA.Reader, b.Output, lengthsBtoA);
        PrivateKey responderKey = PrivateKey.Generate();
        Task<NoiseResult> responder = NoiseHandshake.RespondAsync(b.Input, tapBtoA.Writer, responderKey, ["/yamux/1.0.0"], CancellationToken.None).AsTask();
        NoiseResult initiator = await NoiseHandshake.InitiateAsync(a.Input, tapAtoB.Writer, PrivateKey.Generate(), responderKey.PeerId, ["/yamux/1.0.0"], CancellationToken.None).AsTask().WaitAsync(s_timeout);
        await responder.WaitAsync(s_timeout);
        lengthsAtoB.Should().Equal(32, 184);
        lengthsBtoA.Should().Equal(216);
        tapAtoB.Writer.Complete();
        tapBtoA.Writer.Complete();
        await Task.WhenAll(relay1, relay2).WaitAsync(s_timeout);
        await initiator.Channel.DisposeAsync();
    }

    [Theory]
    [InlineData("0005")]
    [InlineData("0020" + "00")]
    [InlineData("0001aa")]
    public async Task Truncated_or_malformed_first_messages_fail_cleanly(string hex)
    {
        var input = new Pipe();
        var output = new Pipe();
        await input.Writer.WriteAsync(Convert.FromHexString(hex));
        input.Writer.Complete();
        await FluentActions.Awaiting(() => NoiseHandshake.RespondAsync(input.Reader, output.Writer, PrivateKey.Generate(), [], CancellationToken.None).AsTask().WaitAsync(s_timeout))
            .Should().ThrowAsync<NoiseHandshakeException>();
    }

    [Fact]
    public async Task Garbage_message_two_fails_authentication()
    {
        var input = new Pipe();
        var output = new Pipe();
        byte[] garbage = new byte[2 + 216];
        BinaryPrimitives.WriteUInt16BigEndian(garbage, 216);
        RandomNumberGenerator.Fill(garbage.AsSpan(2));
        await input.Writer.WriteAsync(garbage);
        await FluentActions.Awaiting(() => NoiseHandshake.InitiateAsync(input.Reader, output.Writer, PrivateKey.Generate(), null, [], CancellationToken.None).AsTask().WaitAsync(s_timeout))
            .Should().ThrowAsync<NoiseHandshakeException>();
    }

    [Fact]
    public async Task A_tampered_transport_frame_is_rejected()
    {
        (IDuplexPipe a, IDuplexPipe b) = TestPipes.CreatePair();
        var tap = new Pipe();
        PrivateKey responderKey = PrivateKey.Generate();
        Task<NoiseResult> responder = NoiseHandshake.RespondAsync(b.Input, b.Output, responderKey, [], CancellationToken.None).AsTask();
        Task relay = RelayAsync(tap.Reader, a.Output, [], tamperAfter: 2 + 32 + 2 + 184 + 5);
        NoiseResult initiator = await NoiseHandshake.InitiateAsync(a.Input, tap.Writer, PrivateKey.Generate(), responderKey.PeerId, [], CancellationToken.None).AsTask().WaitAsync(s_timeout);
        NoiseResult resp = await responder.WaitAsync(s_timeout);
        await initiator.Channel.WriteAsync(new byte[100], CancellationToken.None);
        await FluentActions.Awaiting(() => resp.Channel.ReadAsync(CancellationToken.None).AsTask().WaitAsync(s_timeout)).Should().ThrowAsync<NoiseHandshakeException>();
        tap.Writer.Complete();
        await relay.WaitAsync(s_timeout);
    }

    private static async Task RelayAsync(PipeReader from, PipeWriter to, List<int> frameLengths, int tamperAfter = -1)
    {
        var all = new List<byte>();
        int forwarded = 0;
        while (true)
        {
            ReadResult result = await from.ReadAsync();
            byte[] bytes = result.Buffer.ToArray();
            from.AdvanceTo(result.Buffer.End);
            for (int i = 0; i < bytes.Length; i++)
            {
                if (forwarded + i == tamperAfter)
                {
                    bytes[i] ^= 0x40;
                }
            }

            forwarded += bytes.Length;
            all.AddRange(bytes);
            while (all.Count >= 2)
            {
                int length = (all[0] << 8) | all[1];
                if (all.Count < 2 + length)
                {
                    break;
                }

                frameLengths.Add(length);
                all.RemoveRange(0, 2 + length);
            }

            await to.WriteAsync(bytes);
            if (result.IsCompleted)
            {
                return;
            }
        }
    }
}
