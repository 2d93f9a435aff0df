// SPDX-License-Identifier: Apache-2.0

using System.Numerics;
using System.Text;

namespace Lineage.Metadata.Cron.Abi;

/// <summary>
/// Reads one ABI-encoded tuple (Solidity ABI specification, "Formal Specification of the Encoding") over a span:
/// the head holds one 32-byte word per parameter; a dynamic parameter's word is the offset of its tail, relative to
/// the start of the tuple. Only the types the mint watcher needs are supported: <c>address</c>, <c>uint256</c>,
/// <c>bytes</c> and <c>string</c>. Decoding is strict — padding must be zero and every offset and length must stay
/// inside the data — and every failure is an <see cref="AbiFormatException"/> carrying the absolute byte offset.
/// </summary>
public readonly ref struct AbiReader
{
    private const int WordSize = 32;
    private readonly ReadOnlySpan<byte> _data;
    private readonly int _origin;

    /// <summary>Creates a reader over a tuple encoding that starts at byte 0 of <paramref name="data"/>.</summary>
    public AbiReader(ReadOnlySpan<byte> data)
        : this(data, 0)
    {
    }

    /// <param name="data">The tuple's bytes.</param>
    /// <param name="origin">Absolute offset of <paramref name="data"/> inside an enclosing encoding (for error offsets).</param>
    public AbiReader(ReadOnlySpan<byte> data, int origin)
    {
        _data = data;
        _origin = origin;
    }

    /// <summary>Reads head slot <paramref name="index"/> as an <c>address</c> (20 bytes, 12 leading zero bytes).</summary>
    /// <returns>The address as <c>0x</c> + 40 lower-case hex digits.</returns>
    public string ReadAddress(int index)
    {
        ReadOnlySpan<byte> word = Word(index * WordSize, "address");
        int nonZero = word[..12].IndexOfAnyExcept((byte)0);
        if (nonZero >= 0)
        {
            throw Error(index * WordSize + nonZero, "address has non-zero padding");
        }

        return "0x" + Convert.ToHexStringLower(word[12..]);
    }

    /// <summary>Reads head slot <paramref name="index"/> as a <c>uint256</c>.</summary>
    public BigInteger ReadUInt256(int index)
    {
        ReadOnlySpan<byte> word = Word(index * WordSize, "uint256");
        return new BigInteger(word, isUnsigned: true, isBigEndian: true);
    }

    /// <summary>Reads head slot <paramref name="index"/> as the offset of a dynamic <c>bytes</c> value and returns its content.</summary>
    public ReadOnlySpan<byte> ReadBytes(int index)
    {
        int tail = ReadOffset(index);
        int length = ReadLength(tail);
        int start = tail + WordSize;
        if (length > _data.Length - start)
        {
            throw Error(tail, $"length {length} runs past the end of the data ({_data.Length - start} bytes left)");
        }

        int padded = PaddedLength(length);
        if (padded > _data.Length - start)
        {
            throw Error(start + length, "missing zero padding after a dynamic value");
        }

        int badPadding = _data.Slice(start + length, padded - length).IndexOfAnyExcept((byte)0);
        if (badPadding >= 0)
        {
            throw Error(start + length + badPadding, "non-zero padding after a dynamic value");
        }

        return _data.Slice(start, length);
    }

    /// <summary>Reads head slot <paramref name="index"/> as a <c>string</c> (UTF-8 <c>bytes</c>).</summary>
    public string ReadString(int index)
    {
        ReadOnlySpan<byte> bytes = ReadBytes(index);
        try
        {
            return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw Error(ReadOffset(index) + WordSize, "string is not valid UTF-8");
        }
    }

    /// <summary>Fails unless the head holds at least <paramref name="count"/> words.</summary>
    public void RequireHead(int count)
    {
        if (_data.Length < count * WordSize)
        {
            throw Error(_data.Length, $"expected a head of {count} words ({count * WordSize} bytes), got {_data.Length} bytes");
        }
    }

    private int ReadOffset(int index)
    {
        ReadOnlySpan<byte> word = Word(index * WordSize, "offset");
        int value = ToInt32(word, index * WordSize, "offset");
        if (value % WordSize != 0)
        {
            throw Error(index * WordSize, $"offset {value} is not a multiple of 32");
        }

        if (value > _data.Length - WordSize)
        {
            throw Error(index * WordSize, $"offset {value} points past the end of the data ({_data.Length} bytes)");
        }

        return value;
    }

    private int ReadLength(int at) => ToInt32(Word(at, "length"), at, "length");

    private int ToInt32(ReadOnlySpan<byte> word, int at, string what)
    {
        int nonZero = word[..28].IndexOfAnyExcept((byte)0);
        if (nonZero >= 0 || (word[28] & 0x80) != 0)
        {
            throw Error(at, $"{what} does not fit in 31 bits");
        }

        return (word[28] << 24) | (word[29] << 16) | (word[30] << 8) | word[31];
    }

    private ReadOnlySpan<byte> Word(int at, string what)
    {
        if (at < 0 || at > _data.Length - WordSize)
        {
            throw Error(Math.Min(at, _data.Length), $"truncated: {what} needs 32 bytes, {Math.Max(0, _data.Length - at)} left");
        }

        return _data.Slice(at, WordSize);
    }

    private static int PaddedLength(int length) => (int)(((long)length + WordSize - 1) / WordSize * WordSize);

    private AbiFormatException Error(int at, string reason) => new(_origin + at, reason);
}
