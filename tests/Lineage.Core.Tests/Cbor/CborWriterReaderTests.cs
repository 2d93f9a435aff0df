// SPDX-License-Identifier: Apache-2.0

using System.Buffers;
using FsCheck;
using FsCheck.Fluent;
using Lineage.Core.Cbor;

namespace Lineage.Core.Tests.Cbor;

public sealed class CborWriterReaderTests
{
    private static string Hex(Action<CborWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        write(new CborWriter(buffer));
        return Convert.ToHexStringLower(buffer.WrittenSpan);
    }

    // RFC 8949 Appendix A vectors (integers take the shortest form, floats here always 64-bit).
    [Theory]
    [InlineData(0L, "00")]
    [InlineData(1L, "01")]
    [InlineData(10L, "0a")]
    [InlineData(23L, "17")]
    [InlineData(24L, "1818")]
    [InlineData(25L, "1819")]
    [InlineData(100L, "1864")]
    [InlineData(1000L, "1903e8")]
    [InlineData(1000000L, "1a000f4240")]
    [InlineData(1000000000000L, "1b000000e8d4a51000")]
    [InlineData(-1L, "20")]
    [InlineData(-10L, "29")]
    [InlineData(-100L, "3863")]
    [InlineData(-1000L, "3903e7")]
    [InlineData(long.MinValue, "3b7fffffffffffffff")]
    public void Integers_use_the_shortest_form(long value, string hex) => Hex(w => w.WriteInt64(value)).Should().Be(hex);

    [Fact]
    public void Other_items_match_rfc_vectors()
    {
        Hex(w => w.WriteUInt64(18446744073709551615)).Should().Be("1bffffffffffffffff");
        Hex(w => w.WriteNegative(18446744073709551615)).Should().Be("3bffffffffffffffff");
        Hex(w => w.WriteDouble(1.1)).Should().Be("fb3ff199999999999a");
        Hex(w => w.WriteDouble(1.5)).Should().Be("fb3ff8000000000000");
        Hex(w => w.WriteDouble(-4.1)).Should().Be("fbc010666666666666");
        Hex(w => w.WriteBoolean(false)).Should().Be("f4");
        Hex(w => w.WriteBoolean(true)).Should().Be("f5");
        Hex(w => w.WriteNull()).Should().Be("f6");
        Hex(w => w.WriteTextString("")).Should().Be("60");
        Hex(w => w.WriteTextString("a")).Should().Be("6161");
        Hex(w => w.WriteTextString("IETF")).Should().Be("6449455446");
        Hex(w => w.WriteTextString("\u00fc")).Should().Be("62c3bc");
        Hex(w => w.WriteTextString("\u6c34")).Should().Be("63e6b0b4");
        Hex(w => w.WriteTextString("\ud800\udd51")).Should().Be("64f0908591");
        Hex(w => w.WriteByteString([1, 2, 3, 4])).Should().Be("4401020304");
        Hex(w => w.WriteStartArray(0)).Should().Be("80");
        Hex(w => w.WriteStartMap(0)).Should().Be("a0");
        Hex(w => w.WriteTag(42)).Should().Be("d82a");
    }

    [Fact]
    public void Rejects_nan_and_infinities()
    {
        Action nan = () => Hex(w => w.WriteDouble(double.NaN));
        nan.Should().Throw<ArgumentOutOfRangeException>();
        Action infinity = () => Hex(w => w.WriteDouble(double.PositiveInfinity));
        infinity.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void Map_keys_sort_length_first_then_bytewise()
    {
        string[] keys = ["timestamp", "content", "a", "transaction", "previous", "bb", "b"];
        byte[][] sorted = keys.Select(k => System.Text.Encoding.UTF8.GetBytes(k)).ToArray();
        Array.Sort(sorted, (x, y) => CborWriter.CompareMapKeys(x, y));
        sorted.Select(k => System.Text.Encoding.UTF8.GetString(k)).Should().Equal("a", "b", "bb", "content", "previous", "timestamp", "transaction");
    }

    [Fact]
    public void Integer_round_trip_and_truncation_give_offsets()
    {
        Prop.ForAll<long>(value =>
        {
            var buffer = new ArrayBufferWriter<byte>();
            new CborWriter(buffer).WriteInt64(value);
            byte[] bytes = buffer.WrittenSpan.ToArray();
            var reader = new CborReader(bytes);
            CborMajorType major = reader.ReadHeader(out ulong argument);
            long decoded = major == CborMajorType.UnsignedInteger ? (long)argument : -1 - (long)argument;
            bool truncatedFails = Enumerable.Range(0, bytes.Length).All(n =>
            {
                try
                {
                    var truncated = new CborReader(bytes.AsSpan(0, n));
                    truncated.ReadHeader(out _);
                    return false;
                }
                catch (CborFormatException ex)
                {
                    return ex.Offset == 0;
                }
            });
            return decoded == value && reader.Remaining == 0 && truncatedFails;
        }).QuickCheckThrowOnFailure();
    }

    [Theory]
    [InlineData("5f", "indefinite")]
    [InlineData("1c", "reserved")]
    [InlineData("62c3", "end of input")]
    public void Reader_reports_the_offset_and_reason(string hex, string reason)
    {
        byte[] bytes = Convert.FromHexString(hex);
        Action read = () =>
        {
            var reader = new CborReader(bytes);
            reader.ReadHeader(out ulong length);
            reader.ReadPayload(length);
        };
        read.Should().Throw<CborFormatException>().Where(ex => ex.Message.Contains(reason, StringComparison.Ordinal) && ex.Offset >= 0);
    }
}
