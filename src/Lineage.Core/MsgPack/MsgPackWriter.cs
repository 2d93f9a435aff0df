// SPDX-License-Identifier: Apache-2.0

using System.Buffers.Binary;
using System.Text;

namespace Lineage.Core.MsgPack;

/// <summary>
/// Writes msgpack into a destination span sized up front with the static <c>Get…Length</c> methods
/// (length first, then one write). Integers use the shortest encoding, as rmp and msgpack-lite do.
/// </summary>
public ref struct MsgPackWriter
{
    private readonly Span<byte> _destination;
    private int _position;

    public MsgPackWriter(Span<byte> destination)
    {
        _destination = destination;
        _position = 0;
    }

    /// <summary>Bytes written so far.</summary>
    public readonly int Position => _position;

    /// <summary>The written bytes.</summary>
    public readonly ReadOnlySpan<byte> Written => _destination[.._position];

    public static int GetNilLength() => 1;

    public static int GetBooleanLength() => 1;

    public static int GetDoubleLength() => 9;

    public static int GetUInt64Length(ulong value) => value switch
    {
        <= MsgPackCode.MaxPositiveFixInt => 1,
        <= byte.MaxValue => 2,
        <= ushort.MaxValue => 3,
        <= uint.MaxValue => 5,
        _ => 9,
    };

    public static int GetInt64Length(long value)
    {
        if (value >= 0)
        {
            return GetUInt64Length((ulong)value);
        }

        return value switch
        {
            >= -32 => 1,
            >= sbyte.MinValue => 2,
            >= short.MinValue => 3,
            >= int.MinValue => 5,
            _ => 9,
        };
    }

    public static int GetStringLength(int utf8ByteCount) => utf8ByteCount switch
    {
        <= 31 => 1 + utf8ByteCount,
        <= byte.MaxValue => 2 + utf8ByteCount,
        <= ushort.MaxValue => 3 + utf8ByteCount,
        _ => 5 + utf8ByteCount,
    };

    public static int GetStringLength(string value) => GetStringLength(Encoding.UTF8.GetByteCount(value));

    public static int GetBinaryLength(int byteCount) => byteCount switch
    {
        <= byte.MaxValue => 2 + byteCount,
        <= ushort.MaxValue => 3 + byteCount,
        _ => 5 + byteCount,
    };

    public static int GetArrayHeaderLength(int count) => count switch
    {
        <= 15 => 1,
        <= ushort.MaxValue => 3,
        _ => 5,
    };

    public static int GetMapHeaderLength(int count) => GetArrayHeaderLength(count);

    public void WriteNil() => Put(MsgPackCode.Nil);

    public void WriteBoolean(bool value) => Put(value ? MsgPackCode.True : MsgPackCode.False);

    public void WriteUInt64(ulong value)
    {
        switch (GetUInt64Length(value))
        {
            case 1:
                Put((byte)value);
                break;
            case 2:
                Put(MsgPackCode.UInt8);
                Put((byte)value);
                break;
            case 3:
                Put(MsgPackCode.UInt16);
                BinaryPrimitives.WriteUInt16BigEndian(Advance(2), (ushort)value);
                break;
            case 5:
                Put(MsgPackCode.UInt32);
                BinaryPrimitives.WriteUInt32BigEndian(Advance(4), (uint)value);
                break;
            default:
                Put(MsgPackCode.UInt64);
                BinaryPrimitives.WriteUInt64BigEndian(Advance(8), value);
                break;
        }
    }

    public void WriteInt64(long value)
    {
        if (value >= 0)
        {
            WriteUInt64((ulong)value);
            return;
        }

        switch (GetInt64Length(value))
        {
            case 1:
                Put((byte)(sbyte)value);
                break;
            case 2:
                Put(MsgPackCode.Int8);
                Put((byte)(sbyte)value);
                break;
            case 3:
                Put(MsgPackCode.Int16);
                BinaryPrimitives.WriteInt16BigEndian(Advance(2), (short)value);
                break;
            case 5:
                Put(MsgPackCode.Int32);
                BinaryPrimitives.WriteInt32BigEndian(Advance(4), (int)value);
                break;
            default:
                Put(MsgPackCode.Int64);
                BinaryPrimitives.WriteInt64BigEndian(Advance(8), value);
                break;
        }
    }

    /// <summary>Writes a float64 (msgpack-lite and rmp both emit doubles as float64).</summary>
    public void WriteDouble(double value)
    {
        Put(MsgPackCode.Float64);
        BinaryPrimitives.WriteDoubleBigEndian(Advance(8), value);
    }

    public void WriteString(string value)
    {
        int byteCount = Encoding.UTF8.GetByteCount(value);
        WriteStringHeader(byteCount);
        Encoding.UTF8.GetBytes(value, Advance(byteCount));
    }

    /// <summary>Writes a string from bytes that are already UTF-8.</summary>
    public void WriteString(ReadOnlySpan<byte> utf8)
    {
        WriteStringHeader(utf8.Length);
        utf8.CopyTo(Advance(utf8.Length));
    }

    public void WriteBinary(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length <= byte.MaxValue)
        {
            Put(MsgPackCode.Bin8);
            Put((byte)bytes.Length);
        }
        else if (bytes.Length <= ushort.MaxValue)
        {
            Put(MsgPackCode.Bin16);
            BinaryPrimitives.WriteUInt16BigEndian(Advance(2), (ushort)bytes.Length);
        }
        else
        {
            Put(MsgPackCode.Bin32);
            BinaryPrimitives.WriteUInt32BigEndian(Advance(4), (uint)bytes.Length);
        }

        bytes.CopyTo(Advance(bytes.Length));
    }

    public void WriteArrayHeader(int count) => WriteCollectionHeader(count, MsgPackCode.MinFixArray, MsgPackCode.Array16, MsgPackCode.Array32);

    public void WriteMapHeader(int count) => WriteCollectionHeader(count, MsgPackCode.MinFixMap, MsgPackCode.Map16, MsgPackCode.Map32);

    /// <summary>Copies bytes that already are msgpack (or a prefix such as a multicodec code).</summary>
    public void WriteRaw(ReadOnlySpan<byte> bytes) => bytes.CopyTo(Advance(bytes.Length));

    private void WriteStringHeader(int byteCount)
    {
        if (byteCount <= 31)
        {
            Put((byte)(MsgPackCode.MinFixStr | byteCount));
        }
        else if (byteCount <= byte.MaxValue)
        {
            Put(MsgPackCode.Str8);
            Put((byte)byteCount);
        }
        else if (byteCount <= ushort.MaxValue)
        {
            Put(MsgPackCode.Str16);
            BinaryPrimitives.WriteUInt16BigEndian(Advance(2), (ushort)byteCount);
        }
        else
        {
            Put(MsgPackCode.Str32);
            BinaryPrimitives.WriteUInt32BigEndian(Advance(4), (uint)byteCount);
        }
    }

    private void WriteCollectionHeader(int count, byte fixCode, byte code16, byte code32)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (count <= 15)
        {
            Put((byte)(fixCode | count));
        }
        else if (count <= ushort.MaxValue)
        {
            Put(code16);
            BinaryPrimitives.WriteUInt16BigEndian(Advance(2), (ushort)count);
        }
        else
        {
            Put(code32);
            BinaryPrimitives.WriteUInt32BigEndian(Advance(4), (uint)count);
        }
    }

    private void Put(byte value) => Advance(1)[0] = value;

    private Span<byte> Advance(int count)
    {
        if ((uint)count > (uint)(_destination.Length - _position))
        {
            throw new InvalidOperationException(
                $"msgpack writer: destination too small ({_destination.Length} bytes) for {count} more byte(s) at {_position}; size it with the Get…Length methods");
        }

        Span<byte> slice = _destination.Slice(_position, count);
        _position += count;
        return slice;
    }
}
