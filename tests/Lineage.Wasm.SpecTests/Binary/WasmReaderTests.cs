// SPDX-License-Identifier: Apache-2.0

using FsCheck;
using FsCheck.Fluent;
using Lineage.Wasm.Binary;

namespace Lineage.Wasm.SpecTests.Binary;

public sealed class WasmReaderTests
{
    [Theory]
    [InlineData(new byte[] { 0x00 }, 0u)]
    [InlineData(new byte[] { 0x7F }, 127u)]
    [InlineData(new byte[] { 0x80, 0x01 }, 128u)]
    [InlineData(new byte[] { 0xE5, 0x8E, 0x26 }, 624485u)]
    [InlineData(new byte[] { 0x80, 0x00 }, 0u)]
    [InlineData(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0x0F }, uint.MaxValue)]
    public void Unsigned_32_bit_values_decode(byte[] bytes, uint expected)
    {
        var reader = new WasmReader(bytes);
        reader.ReadVarUInt32().Should().Be(expected);
        reader.IsAtEnd.Should().BeTrue();
    }

    [Theory]
    [InlineData(new byte[] { 0x7F }, -1)]
    [InlineData(new byte[] { 0x40 }, -64)]
    [InlineData(new byte[] { 0xC0, 0xBB, 0x78 }, -123456)]
    [InlineData(new byte[] { 0x80, 0x80, 0x80, 0x80, 0x78 }, int.MinValue)]
    [InlineData(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0x07 }, int.MaxValue)]
    [InlineData(new byte[] { 0xFF, 0x7F }, -1)]
    public void Signed_32_bit_values_decode(byte[] bytes, int expected)
    {
        var reader = new WasmReader(bytes);
        reader.ReadVarInt32().Should().Be(expected);
        reader.IsAtEnd.Should().BeTrue();
    }

    [Theory]
    [InlineData(new byte[] { 0x80, 0x80, 0x80, 0x80, 0x80, 0x00 }, "integer representation too long")]
    [InlineData(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0x1F }, "integer too large")]
    [InlineData(new byte[] { 0xFF, 0xFF }, "unexpected end")]
    public void Malformed_unsigned_32_bit_values_are_rejected_with_offset(byte[] bytes, string reason)
    {
        var padded = new byte[] { 0xAA, 0xBB }.Concat(bytes).ToArray();
        var reader = new WasmReader(padded);
        reader.Skip(2);
        WasmFormatException? error = null;
        try
        {
            reader.ReadVarUInt32();
        }
        catch (WasmFormatException e)
        {
            error = e;
        }

        error.Should().NotBeNull();
        error!.Reason.Should().Be(reason);
        error.Offset.Should().BeGreaterThanOrEqualTo(2);
    }

    [Theory]
    [InlineData(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0x4F }, "integer too large")]
    [InlineData(new byte[] { 0x80, 0x80, 0x80, 0x80, 0x70 }, "integer too large")]
    [InlineData(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F }, "integer representation too long")]
    public void Malformed_signed_32_bit_values_are_rejected(byte[] bytes, string reason)
    {
        var act = () =>
        {
            var reader = new WasmReader(bytes);
            reader.ReadVarInt32();
        };
        act.Should().Throw<WasmFormatException>().Which.Reason.Should().Be(reason);
    }

    [Theory]
    [InlineData(new byte[] { 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x7F }, long.MinValue)]
    [InlineData(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x00 }, long.MaxValue)]
    [InlineData(new byte[] { 0x7E }, -2L)]
    public void Signed_64_bit_values_decode(byte[] bytes, long expected)
    {
        var reader = new WasmReader(bytes);
        reader.ReadVarInt64().Should().Be(expected);
    }

    [Fact]
    public void Signed_64_bit_overflow_in_the_tenth_byte_is_rejected()
    {
        var act = () =>
        {
            var reader = new WasmReader(new byte[] { 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01 });
            reader.ReadVarInt64();
        };
        act.Should().Throw<WasmFormatException>().Which.Reason.Should().Be("integer too large");
    }

    [Fact]
    public void Names_must_be_valid_utf8()
    {
        var act = () =>
        {
            var reader = new WasmReader(new byte[] { 0x02, 0xC0, 0x80 });
            reader.ReadName();
        };
        act.Should().Throw<WasmFormatException>().Which.Reason.Should().Be("malformed UTF-8 encoding");

        var ok = new WasmReader(new byte[] { 0x03, 0xE2, 0x82, 0xAC });
        ok.ReadName().Should().Be("€");
    }

    [Fact]
    public void Signed_and_unsigned_32_bit_values_round_trip()
    {
        Prop.ForAll<int>(value =>
        {
            var signed = EncodeSigned(value);
            var reader = new WasmReader(signed);
            var unsignedBytes = EncodeUnsigned((uint)value);
            var unsignedReader = new WasmReader(unsignedBytes);
            return reader.ReadVarInt32() == value && reader.IsAtEnd
                && unsignedReader.ReadVarUInt32() == (uint)value && unsignedReader.IsAtEnd;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Truncated_integers_fail_with_unexpected_end()
    {
        Prop.ForAll<uint>(value =>
        {
            var bytes = EncodeUnsigned(value | 0x80);
            var truncated = bytes[..^1];
            try
            {
                var reader = new WasmReader(truncated);
                reader.ReadVarUInt32();
                return false;
            }
            catch (WasmFormatException e)
            {
                return e.Reason == "unexpected end" && e.Offset == truncated.Length;
            }
        }).QuickCheckThrowOnFailure();
    }

    private static byte[] EncodeUnsigned(uint value)
    {
        var bytes = new List<byte>();
        do
        {
            var b = (byte)(value & 0x7F);
            value >>= 7;
            bytes.Add(value != 0 ? (byte)(b | 0x80) : b);
        }
        while (value != 0);
        return [.. bytes];
    }

    private static byte[] EncodeSigned(int value)
    {
        var bytes = new List<byte>();
        while (true)
        {
            var b = (byte)(value & 0x7F);
            value >>= 7;
            var done = (value == 0 && (b & 0x40) == 0) || (value == -1 && (b & 0x40) != 0);
            bytes.Add(done ? b : (byte)(b | 0x80));
            if (done)
            {
                return [.. bytes];
            }
        }
    }
}
