// SPDX-License-Identifier: Apache-2.0

using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using Lineage.Core.MsgPack;

namespace Lineage.Core.Tests.MsgPack;

public sealed class MsgPackReaderWriterTests
{
    [Theory]
    [InlineData(0L, "00")]
    [InlineData(127L, "7f")]
    [InlineData(128L, "cc80")]
    [InlineData(255L, "ccff")]
    [InlineData(256L, "cd0100")]
    [InlineData(65536L, "ce00010000")]
    [InlineData(4294967296L, "cf0000000100000000")]
    [InlineData(1696934545662L, "cf0000018b192e48fe")]
    [InlineData(-1L, "ff")]
    [InlineData(-32L, "e0")]
    [InlineData(-33L, "d0df")]
    [InlineData(-129L, "d1ff7f")]
    [InlineData(-32769L, "d2ffff7fff")]
    [InlineData(long.MinValue, "d38000000000000000")]
    public void Integers_use_the_shortest_encoding(long value, string hex)
    {
        byte[] bytes = new byte[MsgPackWriter.GetInt64Length(value)];
        var writer = new MsgPackWriter(bytes);
        writer.WriteInt64(value);
        writer.Position.Should().Be(bytes.Length);
        Convert.ToHexStringLower(bytes).Should().Be(hex);

        var reader = new MsgPackReader(bytes);
        reader.ReadInt64().Should().Be(value);
        reader.End.Should().BeTrue();
    }

    [Fact]
    public void Reads_every_integer_width_into_any_compatible_target()
    {
        new MsgPackReader(Convert.FromHexString("cd1b58")).ReadUInt32().Should().Be(7000);
        new MsgPackReader(Convert.FromHexString("d000")).ReadUInt64().Should().Be(0);
        new MsgPackReader(Convert.FromHexString("cfffffffffffffffff")).ReadUInt64().Should().Be(ulong.MaxValue);
        Action tooBig = () => new MsgPackReader(Convert.FromHexString("cfffffffffffffffff")).ReadInt64();
        tooBig.Should().Throw<MsgPackFormatException>().Which.Offset.Should().Be(0);
        Action negative = () => new MsgPackReader(Convert.FromHexString("ff")).ReadUInt64();
        negative.Should().Throw<MsgPackFormatException>().WithMessage("*negative*");
    }

    [Theory]
    [InlineData("", "a0")]
    [InlineData("a", "a161")]
    [InlineData("Particle", "a85061727469636c65")]
    public void Strings_match_golden_vectors(string value, string hex)
    {
        byte[] bytes = new byte[MsgPackWriter.GetStringLength(value)];
        var writer = new MsgPackWriter(bytes);
        writer.WriteString(value);
        Convert.ToHexStringLower(bytes).Should().Be(hex);
        new MsgPackReader(bytes).ReadString().Should().Be(value);
    }

    [Fact]
    public void Long_strings_bins_and_collections_switch_header_sizes()
    {
        string s32 = new('x', 32);
        Encode((ref MsgPackWriter w) => w.WriteString(s32), MsgPackWriter.GetStringLength(s32))[..2].Should().Equal(0xD9, 32);
        string s256 = new('y', 256);
        Encode((ref MsgPackWriter w) => w.WriteString(s256), MsgPackWriter.GetStringLength(s256))[..3].Should().Equal(0xDA, 1, 0);
        Encode((ref MsgPackWriter w) => w.WriteBinary([1, 2, 3]), MsgPackWriter.GetBinaryLength(3)).Should().Equal(0xC4, 3, 1, 2, 3);
        Encode((ref MsgPackWriter w) => w.WriteBinary(new byte[300]), MsgPackWriter.GetBinaryLength(300))[..3].Should().Equal(0xC5, 1, 44);
        Encode((ref MsgPackWriter w) => w.WriteArrayHeader(16), MsgPackWriter.GetArrayHeaderLength(16)).Should().Equal(0xDC, 0, 16);
        Encode((ref MsgPackWriter w) => w.WriteMapHeader(15), MsgPackWriter.GetMapHeaderLength(15)).Should().Equal(0x8F);
        Encode((ref MsgPackWriter w) => w.WriteDouble(1.5), MsgPackWriter.GetDoubleLength()).Should().Equal(0xCB, 0x3F, 0xF8, 0, 0, 0, 0, 0, 0);
        Encode((ref MsgPackWriter w) => w.WriteNil(), 1).Should().Equal(0xC0);
        Encode((ref MsgPackWriter w) => w.WriteBoolean(true), 1).Should().Equal(0xC3);
    }

    [Fact]
    public void Reads_float32_and_extensions_and_skips_nested_values()
    {
        // [ {"a": [1, 2.5f32]}, ext(type 5, 2 bytes), "end" ]
        byte[] bytes = Convert.FromHexString("9381a1619201ca40200000d5050a0ba3656e64");
        var reader = new MsgPackReader(bytes);
        reader.ReadArrayHeader().Should().Be(3);
        reader.ReadMapHeader().Should().Be(1);
        reader.ReadString().Should().Be("a");
        reader.ReadArrayHeader().Should().Be(2);
        reader.ReadInt32().Should().Be(1);
        reader.ReadDouble().Should().Be(2.5);
        reader.ReadExtension(out sbyte type).ToArray().Should().Equal(0x0A, 0x0B);
        type.Should().Be(5);
        reader.ReadString().Should().Be("end");
        reader.EnsureEnd();

        var skipper = new MsgPackReader(bytes);
        skipper.Skip();
        skipper.End.Should().BeTrue();
    }

    [Fact]
    public void Errors_carry_the_byte_offset()
    {
        // map with one entry whose value is a truncated str8
        byte[] bytes = Convert.FromHexString("81a161d9056162");
        var reader = new MsgPackReader(bytes);
        reader.ReadMapHeader();
        reader.ReadString();
        MsgPackFormatException error = Assert.Throws<MsgPackFormatException>(() => new MsgPackReader(bytes).Skip());
        error.Offset.Should().Be(3);
        error.Message.Should().Contain("truncated").And.Contain("offset 3");

        Assert.Throws<MsgPackFormatException>(() => new MsgPackReader([0xC1]).PeekType()).Message.Should().Contain("0xc1");
        Assert.Throws<MsgPackFormatException>(() => new MsgPackReader([0xA2, 0xC3, 0x28]).ReadString()).Message.Should().Contain("UTF-8");
        Assert.Throws<MsgPackFormatException>(() => new MsgPackReader([0x01], baseOffset: 40).ReadString()).Offset.Should().Be(40);
    }

    [Fact]
    public void Hostile_collection_lengths_are_rejected_before_allocation()
    {
        // array32 claiming 2^31-1 elements with 2 bytes behind it
        MsgPackFormatException error = Assert.Throws<MsgPackFormatException>(() => new MsgPackReader(Convert.FromHexString("dd7fffffff0101")).ReadArrayHeader());
        error.Message.Should().Contain("cannot fit");
        Assert.Throws<MsgPackFormatException>(() => new MsgPackReader(Convert.FromHexString("df7fffffff")).ReadMapHeader());
        Assert.Throws<MsgPackFormatException>(() => new MsgPackReader(Convert.FromHexString("c6ffffffff00")).ReadBinary());
    }

    [Fact]
    public void Json_values_round_trip_through_msgpack()
    {
        Prop.ForAll<int>(seed =>
        {
            JsonNode? node = RandomJson(new Random(seed), 0);
            byte[] bytes = MsgPackJson.Encode(node);
            JsonNode? back = MsgPackJson.Decode(bytes);
            return JsonNode.DeepEquals(node, back) && MsgPackJson.Encode(back).AsSpan().SequenceEqual(bytes);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Every_truncation_of_a_valid_value_fails_with_a_format_error()
    {
        Prop.ForAll<int>(seed =>
        {
            byte[] bytes = MsgPackJson.Encode(RandomJson(new Random(seed), 0));
            for (int cut = 0; cut < bytes.Length; cut++)
            {
                try
                {
                    MsgPackJson.Decode(bytes.AsSpan(0, cut));
                    return false;
                }
                catch (MsgPackFormatException error) when (error.Offset <= cut)
                {
                }
            }

            return true;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Random_bytes_never_throw_anything_but_a_format_error()
    {
        Prop.ForAll<byte[]>(bytes =>
        {
            try
            {
                var reader = new MsgPackReader(bytes);
                reader.Skip();
                MsgPackJson.Decode(bytes);
            }
            catch (MsgPackFormatException)
            {
            }

            return true;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Deep_nesting_is_refused_without_stack_overflow()
    {
        byte[] bytes = Enumerable.Repeat((byte)0x91, 100_000).Append((byte)0xC0).ToArray();
        Assert.Throws<MsgPackFormatException>(() => MsgPackJson.Decode(bytes)).Message.Should().Contain("nesting");
        var reader = new MsgPackReader(bytes);
        reader.Skip();
        reader.End.Should().BeTrue();
    }

    [Fact]
    public void Decodes_the_aquavm_call_results_vector()
    {
        // fluence-peer.md §6.5, after the 0x81 0x04 multicodec prefix
        byte[] bytes = Convert.FromHexString("810481a13182a87265745f636f646500a6726573756c74b75b22616c696365222c22626f62222c226361726f6c225d");
        JsonNode? node = MsgPackJson.Decode(bytes.AsSpan(2));
        node!["1"]!["ret_code"]!.GetValue<long>().Should().Be(0);
        node["1"]!["result"]!.GetValue<string>().Should().Be("[\"alice\",\"bob\",\"carol\"]");
        MsgPackJson.Encode(node).Should().Equal(bytes[2..]);
    }

    private delegate void WriteAction(ref MsgPackWriter writer);

    private static byte[] Encode(WriteAction write, int length)
    {
        byte[] bytes = new byte[length];
        var writer = new MsgPackWriter(bytes);
        write(ref writer);
        writer.Position.Should().Be(length);
        return bytes;
    }

    private static JsonNode? RandomJson(Random random, int depth)
    {
        int kind = random.Next(depth > 2 ? 6 : 8);
        switch (kind)
        {
            case 0:
                return null;
            case 1:
                return JsonValue.Create(random.Next(2) == 0);
            case 2:
                return JsonValue.Create(random.NextInt64(long.MinValue, long.MaxValue) >> random.Next(64));
            case 3:
                return JsonValue.Create(random.NextDouble() * 1e6 + 0.5);
            case 4:
                return JsonValue.Create(ulong.MaxValue - (ulong)random.Next(1000));
            case 5:
                char[] chars = new char[random.Next(40) * random.Next(8)];
                for (int i = 0; i < chars.Length; i++)
                {
                    chars[i] = (char)random.Next(0x20, 0x2FF);
                }

                return JsonValue.Create(new string(chars));
            case 6:
                var array = new JsonArray();
                for (int i = random.Next(6); i > 0; i--)
                {
                    array.Add(RandomJson(random, depth + 1));
                }

                return array;
            default:
                var obj = new JsonObject();
                for (int i = random.Next(6); i > 0; i--)
                {
                    obj["k" + i] = RandomJson(random, depth + 1);
                }

                return obj;
        }
    }
}
