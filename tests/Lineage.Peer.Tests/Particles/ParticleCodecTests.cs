// SPDX-License-Identifier: Apache-2.0

using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Lineage.Core.MsgPack;
using Lineage.P2p.Identity;
using Lineage.Peer.Particles;
using Lineage.TestKit;

namespace Lineage.Peer.Tests.Particles;

public sealed class ParticleCodecTests
{
    internal static readonly PrivateKey ClientKey = PrivateKey.FromEd25519Seed(Enumerable.Repeat((byte)0x11, 32).ToArray());

    private static byte[] Fixture(string name) =>
        File.ReadAllBytes(RepositoryPaths.InRepository("tests", "Lineage.Peer.Tests", "Particles", "Fixtures", name));

    [Fact]
    public void Signature_matches_the_nox_test_vector()
    {
        // fluence-peer.md §3.2 (nox particle.rs test_signature)
        var key = PrivateKey.FromEd25519Seed(Convert.FromBase64String("7h48PQ/f1rS9TxacmgODxbD42Il9B3KC117jvOPppPE="));
        key.PeerId.ToString().Should().Be("12D3KooWANqfCDrV79MZdMnMqTvDdqSAPSxdgFY1L6DCq2DVGB4D");
        byte[] signed = ParticleSignature.GetSignedBytes("2883f959-e9e7-4843-8c37-205d393ca372", 1696934545662, 7000, "abc");
        Convert.ToBase64String(signed).Should().Be("Mjg4M2Y5NTktZTllNy00ODQzLThjMzctMjA1ZDM5M2NhMzcy/kguGYsBAABYGwAAYWJj");

        Particle particle = ParticleSignature.CreateSigned(key, "2883f959-e9e7-4843-8c37-205d393ca372", 1696934545662, 7000, "abc");
        Convert.ToBase64String(particle.Signature.Span).Should()
            .Be("KceXDnOfqe0dOnAxiDsyWBIvUq6WHoT0ge+VMHXOZsjZvCNH7/10oufdlYfcPomfv28On6E87ZhDcHGBZcb7Bw==");
        ParticleSignature.Verify(particle, out string? failure).Should().BeTrue(failure);
    }

    [Fact]
    public void Decodes_a_captured_js_client_particle_and_verifies_its_signature()
    {
        // Written by js-client 0.9.0 (signature and data as msgpack arrays of ints, timestamp as uint64).
        Particle particle = ParticleCodec.Decode(Fixture("jsclient-to-relay.bin"));
        particle.InitPeerId.Should().Be("12D3KooWPqT2nMDSiXUSx5D7fasaxhxKigVhcqfkKqrLghCq9jxz");
        particle.Script.Should().Contain("(call %init_peer_id% (\"getDataSrv\" \"-relay-\") [] -relay-)");
        particle.Signature.Length.Should().Be(64);
        particle.Data.Length.Should().BeGreaterThan(100);
        ParticleSignature.Verify(particle, out string? failure).Should().BeTrue(failure);

        // Our encoding: byte fields as bin, the same particle after a round trip.
        Particle back = ParticleCodec.Decode(ParticleCodec.Encode(particle));
        back.Should().BeEquivalentTo(particle, o => o.ComparingByMembers<ReadOnlyMemory<byte>>().Excluding(p => p.Signature).Excluding(p => p.Data));
        back.Signature.ToArray().Should().Equal(particle.Signature.ToArray());
        back.Data.ToArray().Should().Equal(particle.Data.ToArray());
    }

    [Fact]
    public void Encodes_byte_for_byte_like_the_reference_relay()
    {
        // The JS reference relay writes the nox layout: action, id, init_peer_id, timestamp (uint64), ttl, script,
        // signature (bin), data (bin). Our encoder must produce the identical message.
        byte[] relayOut = Fixture("relay-to-jsclient.bin");
        Particle particle = ParticleCodec.Decode(relayOut);
        ParticleCodec.Encode(particle).Should().Equal(relayOut);
        ParticleSignature.Verify(particle, out string? failure).Should().BeTrue(failure);
    }

    [Fact]
    public void Decodes_json_in_any_field_order_with_byte_arrays_or_base64_data()
    {
        Particle signed = ParticleSignature.CreateSigned(ClientKey, "id-1", 1617733422130, 65525, "(null)", new byte[] { 1, 2, 3 });
        string signature = string.Join(",", signed.Signature.ToArray());
        string[] jsonForms =
        [
            $$"""{"action":"Particle","id":"id-1","init_peer_id":"{{signed.InitPeerId}}","timestamp":1617733422130,"ttl":65525,"script":"(null)","signature":[{{signature}}],"data":"AQID"}""",
            $$"""  {"data":[1,2,3],"signature":[{{signature}}],"script":"(null)","ttl":65525,"timestamp":1617733422130,"init_peer_id":"{{signed.InitPeerId}}","id":"id-1","action":"Particle","extra":{"ignored":[1]} }""",
        ];
        foreach (string json in jsonForms)
        {
            Particle particle = ParticleCodec.Decode(Encoding.UTF8.GetBytes(json));
            particle.Id.Should().Be("id-1");
            particle.Timestamp.Should().Be(1617733422130);
            particle.Ttl.Should().Be(65525);
            particle.Data.ToArray().Should().Equal(1, 2, 3);
            ParticleSignature.Verify(particle, out string? failure).Should().BeTrue(failure);
        }
    }

    [Fact]
    public void Decodes_msgpack_in_any_field_order()
    {
        Particle signed = ParticleSignature.CreateSigned(ClientKey, "id-2", 1700000000000, 7000, "(null)", new byte[] { 9 });
        (string Key, Action<MsgPackWriterBox> Write)[] fields =
        [
            ("data", w => w.Binary([9])),
            ("ttl", w => w.UInt(7000)),
            ("signature", w => w.IntArray(signed.Signature.ToArray())),
            ("init_peer_id", w => w.Text(signed.InitPeerId)),
            ("script", w => w.Text("(null)")),
            ("action", w => w.Text("Particle")),
            ("timestamp", w => w.UInt(1700000000000)),
            ("id", w => w.Text("id-2")),
        ];
        var box = new MsgPackWriterBox();
        box.Raw([0x81, 0x04, 0x88]);
        foreach ((string key, Action<MsgPackWriterBox> write) in fields)
        {
            box.Text(key);
            write(box);
        }

        Particle particle = ParticleCodec.Decode(box.ToArray());
        particle.Should().BeEquivalentTo(signed, o => o.Excluding(p => p.Signature).Excluding(p => p.Data));
        ParticleSignature.Verify(particle, out _).Should().BeTrue();
    }

    [Theory]
    [InlineData("", "empty message")]
    [InlineData("00", "unknown encoding")]
    [InlineData("8104", "unexpected end")]
    [InlineData("810490", "expected map")]
    [InlineData("810480", "missing field \"action\"")]
    [InlineData("810481a6616374696f6ea7557067726164", "truncated")]
    [InlineData("810481a6616374696f6ea755706772616465", "is not a particle")]
    [InlineData("7b7d", "missing field \"action\"")]
    [InlineData("7b226964223a", "JSON")]
    public void Rejects_malformed_messages_with_a_clear_error(string hex, string expected)
    {
        Action decode = () => ParticleCodec.Decode(Convert.FromHexString(hex));
        decode.Should().Throw<ParticleFormatException>().Which.Message.Should().Contain(expected);
    }

    [Fact]
    public void Rejects_duplicate_fields()
    {
        byte[] bytes = [0x81, 0x04, 0x82, .. Str("action"), .. Str("Particle"), .. Str("action"), .. Str("Particle")];
        Action decode = () => ParticleCodec.Decode(bytes);
        decode.Should().Throw<ParticleFormatException>().WithMessage("*duplicate field \"action\"*");
    }

    [Fact]
    public void Every_truncation_and_random_corruption_fails_cleanly()
    {
        byte[] valid = ParticleCodec.Encode(ParticleSignature.CreateSigned(ClientKey, "id-3", 1700000000000, 7000, "(seq (null) (null))", new byte[40]));
        for (int cut = 0; cut < valid.Length; cut++)
        {
            Action decode = () => ParticleCodec.Decode(valid.AsSpan(0, cut));
            decode.Should().Throw<ParticleFormatException>();
        }

        Prop.ForAll<int, byte>((position, value) =>
        {
            byte[] corrupted = (byte[])valid.Clone();
            corrupted[(int)((uint)position % corrupted.Length)] = value;
            try
            {
                ParticleCodec.Decode(corrupted);
            }
            catch (ParticleFormatException)
            {
            }

            return true;
        }).QuickCheckThrowOnFailure();

        Prop.ForAll<byte[]>(garbage =>
        {
            try
            {
                ParticleCodec.Decode([0x81, 0x04, .. garbage]);
                ParticleCodec.Decode(garbage);
            }
            catch (ParticleFormatException)
            {
            }

            return true;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public async Task Frames_are_varint_prefixed_and_bounded()
    {
        Particle particle = ParticleSignature.CreateSigned(ClientKey, "id-4", 1700000000000, 7000, new string('x', 300));
        byte[] frame = ParticleFrame.Encode(particle);
        int length = ParticleCodec.GetEncodedLength(particle);
        frame[..2].Should().Equal((byte)(length & 0x7F | 0x80), (byte)(length >> 7));

        byte[] payload = await ParticleFrame.ReadPayloadAsync(new MemoryStream(frame), 1 << 20, CancellationToken.None);
        ParticleCodec.Decode(payload).Should().BeEquivalentTo(particle, o => o.Excluding(p => p.Signature).Excluding(p => p.Data));

        Func<Task> oversized = async () => await ParticleFrame.ReadPayloadAsync(new MemoryStream(frame), 100, CancellationToken.None);
        (await oversized.Should().ThrowAsync<ParticleFormatException>()).WithMessage("*exceeds the limit of 100 bytes*");

        // A hostile 2^62 length is refused before any allocation.
        Func<Task> huge = async () => await ParticleFrame.ReadPayloadAsync(new MemoryStream([0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x3F]), ParticleFrame.DefaultMaxMessageSize, CancellationToken.None);
        await huge.Should().ThrowAsync<ParticleFormatException>();

        Func<Task> truncated = async () => await ParticleFrame.ReadPayloadAsync(new MemoryStream(frame[..100]), 1 << 20, CancellationToken.None);
        await truncated.Should().ThrowAsync<EndOfStreamException>();
    }

    private static byte[] Str(string text)
    {
        byte[] bytes = new byte[MsgPackWriter.GetStringLength(text)];
        var writer = new MsgPackWriter(bytes);
        writer.WriteString(text);
        return bytes;
    }

    /// <summary>Builds msgpack by hand in any order (tests only).</summary>
    internal sealed class MsgPackWriterBox
    {
        private readonly List<byte> _bytes = [];

        public void Raw(byte[] bytes) => _bytes.AddRange(bytes);

        public void Text(string text) => _bytes.AddRange(Str(text));

        public void UInt(ulong value)
        {
            byte[] bytes = new byte[MsgPackWriter.GetUInt64Length(value)];
            var writer = new MsgPackWriter(bytes);
            writer.WriteUInt64(value);
            _bytes.AddRange(bytes);
        }

        public void Binary(byte[] value)
        {
            byte[] bytes = new byte[MsgPackWriter.GetBinaryLength(value.Length)];
            var writer = new MsgPackWriter(bytes);
            writer.WriteBinary(value);
            _bytes.AddRange(bytes);
        }

        public void IntArray(byte[] value)
        {
            byte[] header = new byte[MsgPackWriter.GetArrayHeaderLength(value.Length)];
            var writer = new MsgPackWriter(header);
            writer.WriteArrayHeader(value.Length);
            _bytes.AddRange(header);
            foreach (byte b in value)
            {
                UInt(b);
            }
        }

        public byte[] ToArray() => [.. _bytes];
    }
}
