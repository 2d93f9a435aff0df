// SPDX-License-Identifier: Apache-2.0

using System.Buffers.Binary;
using System.Text;

namespace Lineage.Core.MsgPack;

/// <summary>
/// Forward-only msgpack reader over a span. Every malformed, truncated or unexpected value throws
/// <see cref="MsgPackFormatException"/> carrying the byte offset; nothing is allocated except strings asked for.
/// </summary>
/// <remarks>
/// Collection headers are checked against the bytes left (every element takes at least one byte), so a hostile
/// length can never make a caller allocate more than the input size.
/// </remarks>
public ref struct MsgPackReader
{
    private static readonly UTF8Encoding s_strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly ReadOnlySpan<byte> _buffer;
    private readonly int _baseOffset;
    private int _position;

    /// <summary>Creates a reader; <paramref name="baseOffset"/> is added to reported error offsets.</summary>
    public MsgPackReader(ReadOnlySpan<byte> buffer, int baseOffset = 0)
    {
        _buffer = buffer;
        _baseOffset = baseOffset;
        _position = 0;
    }

    /// <summary>Bytes consumed so far.</summary>
    public readonly int Position => _position;

    /// <summary>True when every byte has been consumed.</summary>
    public readonly bool End => _position >= _buffer.Length;

    /// <summary>Bytes not consumed yet.</summary>
    public readonly int Remaining => _buffer.Length - _position;

    /// <summary>The family of the next value, without consuming it.</summary>
    public readonly MsgPackType PeekType()
    {
        byte code = PeekCode();
        return code switch
        {
            <= MsgPackCode.MaxPositiveFixInt => MsgPackType.Integral,
            <= MsgPackCode.MaxFixMap => MsgPackType.Map,
            <= MsgPackCode.MaxFixArray => MsgPackType.Array,
            <= MsgPackCode.MaxFixStr => MsgPackType.Text,
            MsgPackCode.Nil => MsgPackType.Nil,
            MsgPackCode.False or MsgPackCode.True => MsgPackType.Boolean,
            MsgPackCode.Bin8 or MsgPackCode.Bin16 or MsgPackCode.Bin32 => MsgPackType.Binary,
            MsgPackCode.Ext8 or MsgPackCode.Ext16 or MsgPackCode.Ext32 => MsgPackType.Extension,
            MsgPackCode.Float32 or MsgPackCode.Float64 => MsgPackType.Floating,
            >= MsgPackCode.UInt8 and <= MsgPackCode.Int64 => MsgPackType.Integral,
            >= MsgPackCode.FixExt1 and <= MsgPackCode.FixExt16 => MsgPackType.Extension,
            MsgPackCode.Str8 or MsgPackCode.Str16 or MsgPackCode.Str32 => MsgPackType.Text,
            MsgPackCode.Array16 or MsgPackCode.Array32 => MsgPackType.Array,
            MsgPackCode.Map16 or MsgPackCode.Map32 => MsgPackType.Map,
            >= MsgPackCode.MinNegativeFixInt => MsgPackType.Integral,
            _ => throw Error("reserved type code 0xc1", _position),
        };
    }

    /// <summary>Consumes a nil if the next value is nil.</summary>
    public bool TryReadNil()
    {
        if (PeekCode() == MsgPackCode.Nil)
        {
            _position++;
            return true;
        }

        return false;
    }

    /// <summary>Reads a boolean.</summary>
    public bool ReadBoolean()
    {
        byte code = PeekCode();
        if (code is not (MsgPackCode.True or MsgPackCode.False))
        {
            throw Unexpected("boolean", code);
        }

        _position++;
        return code == MsgPackCode.True;
    }

    /// <summary>Reads any integer encoding that fits a signed 64-bit value.</summary>
    public long ReadInt64()
    {
        int start = _position;
        if (ReadInteger(out long value, out ulong largeValue))
        {
            return value;
        }

        if (largeValue > long.MaxValue)
        {
            throw Error($"integer {largeValue} does not fit a signed 64-bit value", start);
        }

        return (long)largeValue;
    }

    /// <summary>Reads any non-negative integer encoding.</summary>
    public ulong ReadUInt64()
    {
        int start = _position;
        if (ReadInteger(out long value, out ulong largeValue))
        {
            if (value < 0)
            {
                throw Error($"negative integer {value} where an unsigned one was expected", start);
            }

            return (ulong)value;
        }

        return largeValue;
    }

    /// <summary>Reads an integer that must fit an unsigned 32-bit value.</summary>
    public uint ReadUInt32()
    {
        int start = _position;
        ulong value = ReadUInt64();
        if (value > uint.MaxValue)
        {
            throw Error($"integer {value} does not fit an unsigned 32-bit value", start);
        }

        return (uint)value;
    }

    /// <summary>Reads an integer that must fit a signed 32-bit value.</summary>
    public int ReadInt32()
    {
        int start = _position;
        long value = ReadInt64();
        if (value is < int.MinValue or > int.MaxValue)
        {
            throw Error($"integer {value} does not fit a signed 32-bit value", start);
        }

        return (int)value;
    }

    /// <summary>Reads a float32 or float64 value.</summary>
    public double ReadDouble()
    {
        byte code = PeekCode();
        switch (code)
        {
            case MsgPackCode.Float32:
                return BinaryPrimitives.ReadSingleBigEndian(Take(5)[1..]);
            case MsgPackCode.Float64:
                return BinaryPrimitives.ReadDoubleBigEndian(Take(9)[1..]);
            default:
                throw Unexpected("float", code);
        }
    }

    /// <summary>Reads the raw UTF-8 bytes of a string (not validated).</summary>
    public ReadOnlySpan<byte> ReadStringBytes()
    {
        byte code = PeekCode();
        int length;
        int header;
        if (code is >= MsgPackCode.MinFixStr and <= MsgPackCode.MaxFixStr)
        {
            length = code & 0x1F;
            header = 1;
        }
        else if (code == MsgPackCode.Str8)
        {
            length = Take(2)[1];
            _position -= 2;
            header = 2;
        }
        else if (code == MsgPackCode.Str16)
        {
            length = BinaryPrimitives.ReadUInt16BigEndian(Take(3)[1..]);
            _position -= 3;
            header = 3;
        }
        else if (code == MsgPackCode.Str32)
        {
            length = ReadLength32(Take(5)[1..], _position - 5);
            _position -= 5;
            header = 5;
        }
        else
        {
            throw Unexpected("string", code);
        }

        return Take(header + length, "string")[header..];
    }

    /// <summary>Reads a string, rejecting invalid UTF-8.</summary>
    public string ReadString()
    {
        int start = _position;
        ReadOnlySpan<byte> bytes = ReadStringBytes();
        try
        {
            return s_strictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw Error("string is not valid UTF-8", start);
        }
    }

    /// <summary>Reads a bin value.</summary>
    public ReadOnlySpan<byte> ReadBinary()
    {
        byte code = PeekCode();
        int header;
        int length;
        switch (code)
        {
            case MsgPackCode.Bin8:
                length = Take(2)[1];
                _position -= 2;
                header = 2;
                break;
            case MsgPackCode.Bin16:
                length = BinaryPrimitives.ReadUInt16BigEndian(Take(3)[1..]);
                _position -= 3;
                header = 3;
                break;
            case MsgPackCode.Bin32:
                length = ReadLength32(Take(5)[1..], _position - 5);
                _position -= 5;
                header = 5;
                break;
            default:
                throw Unexpected("bin", code);
        }

        return Take(header + length, "bin")[header..];
    }

    /// <summary>Reads an array header and returns the element count.</summary>
    public int ReadArrayHeader()
    {
        int start = _position;
        byte code = PeekCode();
        int count;
        if (code is >= MsgPackCode.MinFixArray and <= MsgPackCode.MaxFixArray)
        {
            _position++;
            count = code & 0x0F;
        }
        else if (code == MsgPackCode.Array16)
        {
            count = BinaryPrimitives.ReadUInt16BigEndian(Take(3)[1..]);
        }
        else if (code == MsgPackCode.Array32)
        {
            count = ReadLength32(Take(5)[1..], start);
        }
        else
        {
            throw Unexpected("array", code);
        }

        EnsureElements(count, 1, start);
        return count;
    }

    /// <summary>Reads a map header and returns the number of key/value pairs.</summary>
    public int ReadMapHeader()
    {
        int start = _position;
        byte code = PeekCode();
        int count;
        if (code is >= MsgPackCode.MinFixMap and <= MsgPackCode.MaxFixMap)
        {
            _position++;
            count = code & 0x0F;
        }
        else if (code == MsgPackCode.Map16)
        {
            count = BinaryPrimitives.ReadUInt16BigEndian(Take(3)[1..]);
        }
        else if (code == MsgPackCode.Map32)
        {
            count = ReadLength32(Take(5)[1..], start);
        }
        else
        {
            throw Unexpected("map", code);
        }

        EnsureElements(count, 2, start);
        return count;
    }

    /// <summary>Reads an extension value: its type byte and payload.</summary>
    public ReadOnlySpan<byte> ReadExtension(out sbyte extensionType)
    {
        byte code = PeekCode();
        int header;
        int length;
        switch (code)
        {
            case >= MsgPackCode.FixExt1 and <= MsgPackCode.FixExt16:
                length = 1 << (code - MsgPackCode.FixExt1);
                header = 2;
                break;
            case MsgPackCode.Ext8:
                length = Take(2)[1];
                _position -= 2;
                header = 3;
                break;
            case MsgPackCode.Ext16:
                length = BinaryPrimitives.ReadUInt16BigEndian(Take(3)[1..]);
                _position -= 3;
                header = 4;
                break;
            case MsgPackCode.Ext32:
                length = ReadLength32(Take(5)[1..], _position - 5);
                _position -= 5;
                header = 6;
                break;
            default:
                throw Unexpected("ext", code);
        }

        ReadOnlySpan<byte> all = Take(header + length, "ext");
        extensionType = (sbyte)all[header - 1];
        return all[header..];
    }

    /// <summary>Skips one complete value (including nested collections) without recursion.</summary>
    public void Skip()
    {
        long pending = 1;
        while (pending > 0)
        {
            pending--;
            switch (PeekType())
            {
                case MsgPackType.Nil:
                case MsgPackType.Boolean:
                    _position++;
                    break;
                case MsgPackType.Integral:
                    ReadInteger(out _, out _);
                    break;
                case MsgPackType.Floating:
                    ReadDouble();
                    break;
                case MsgPackType.Text:
                    ReadStringBytes();
                    break;
                case MsgPackType.Binary:
                    ReadBinary();
                    break;
                case MsgPackType.Extension:
                    ReadExtension(out _);
                    break;
                case MsgPackType.Array:
                    pending += ReadArrayHeader();
                    break;
                case MsgPackType.Map:
                    pending += 2L * ReadMapHeader();
                    break;
            }
        }
    }

    /// <summary>Reads the raw bytes of one complete value (for embedding or re-reading later).</summary>
    public ReadOnlySpan<byte> ReadRaw()
    {
        int start = _position;
        Skip();
        return _buffer[start.._position];
    }

    /// <summary>Throws unless every byte has been consumed.</summary>
    public readonly void EnsureEnd()
    {
        if (!End)
        {
            throw Error($"{Remaining} trailing byte(s) after the value", _position);
        }
    }

    /// <summary>A format error at the current position (for callers validating content).</summary>
    public readonly MsgPackFormatException CreateError(string reason) => Error(reason, _position);

    /// <summary>A format error at a position previously read from <see cref="Position"/>.</summary>
    public readonly MsgPackFormatException CreateError(string reason, int position) => Error(reason, position);

    /// <summary>
    /// Reads any integer. Returns true with <paramref name="value"/> set, or false with <paramref name="largeValue"/>
    /// set for a uint64 encoding (whose value may exceed <see cref="long.MaxValue"/>).
    /// </summary>
    public bool ReadInteger(out long value, out ulong largeValue)
    {
        byte code = PeekCode();
        largeValue = 0;
        switch (code)
        {
            case <= MsgPackCode.MaxPositiveFixInt:
                _position++;
                value = code;
                return true;
            case >= MsgPackCode.MinNegativeFixInt:
                _position++;
                value = (sbyte)code;
                return true;
            case MsgPackCode.UInt8:
                value = Take(2)[1];
                return true;
            case MsgPackCode.UInt16:
                value = BinaryPrimitives.ReadUInt16BigEndian(Take(3)[1..]);
                return true;
            case MsgPackCode.UInt32:
                value = BinaryPrimitives.ReadUInt32BigEndian(Take(5)[1..]);
                return true;
            case MsgPackCode.UInt64:
                value = 0;
                largeValue = BinaryPrimitives.ReadUInt64BigEndian(Take(9)[1..]);
                return false;
            case MsgPackCode.Int8:
                value = (sbyte)Take(2)[1];
                return true;
            case MsgPackCode.Int16:
                value = BinaryPrimitives.ReadInt16BigEndian(Take(3)[1..]);
                return true;
            case MsgPackCode.Int32:
                value = BinaryPrimitives.ReadInt32BigEndian(Take(5)[1..]);
                return true;
            case MsgPackCode.Int64:
                value = BinaryPrimitives.ReadInt64BigEndian(Take(9)[1..]);
                return true;
            default:
                throw Unexpected("integer", code);
        }
    }

    private readonly byte PeekCode()
    {
        if (_position >= _buffer.Length)
        {
            throw Error("unexpected end of input", _position);
        }

        return _buffer[_position];
    }

    private ReadOnlySpan<byte> Take(int count, string what = "value")
    {
        if ((uint)count > (uint)(_buffer.Length - _position))
        {
            throw Error($"truncated {what}: needs {count} byte(s), {_buffer.Length - _position} left", _position);
        }

        ReadOnlySpan<byte> slice = _buffer.Slice(_position, count);
        _position += count;
        return slice;
    }

    private readonly int ReadLength32(ReadOnlySpan<byte> bytes, int start)
    {
        uint length = BinaryPrimitives.ReadUInt32BigEndian(bytes);
        if (length > int.MaxValue)
        {
            throw Error($"length {length} is too large", start);
        }

        return (int)length;
    }

    private readonly void EnsureElements(int count, int minBytesPerElement, int start)
    {
        if ((long)count * minBytesPerElement > Remaining)
        {
            throw Error($"collection of {count} element(s) cannot fit in the {Remaining} byte(s) left", start);
        }
    }

    private readonly MsgPackFormatException Unexpected(string expected, byte code) =>
        Error($"expected {expected}, found type code 0x{code:x2}", _position);

    private readonly MsgPackFormatException Error(string reason, int position) => new(_baseOffset + position, reason);
}
