// SPDX-License-Identifier: Apache-2.0

using System.Text;
using Lineage.Core.Multiformats;

namespace Lineage.P2p.Protobuf;

/// <summary>
/// Forward-only protobuf reader over a span. The libp2p messages are small and carried whole, so no resumable
/// state is needed. Errors carry the byte offset.
/// </summary>
public ref struct ProtoReader
{
    private readonly ReadOnlySpan<byte> _data;
    private int _position;

    public ProtoReader(ReadOnlySpan<byte> data)
    {
        _data = data;
        _position = 0;
    }

    /// <summary>Current byte offset.</summary>
    public readonly int Position => _position;

    /// <summary>Reads the next field tag; false at the end of the message.</summary>
    public bool TryReadTag(out int fieldNumber, out WireType wireType)
    {
        if (_position >= _data.Length)
        {
            fieldNumber = 0;
            wireType = default;
            return false;
        }

        int start = _position;
        ulong tag = ReadVarint();
        fieldNumber = (int)(tag >> 3);
        wireType = (WireType)(tag & 7);
        if (fieldNumber <= 0 || tag >> 3 > int.MaxValue)
        {
            throw new ProtobufException(start, "invalid field number");
        }

        if (wireType is not (WireType.Varint or WireType.Fixed64 or WireType.LengthDelimited or WireType.Fixed32))
        {
            throw new ProtobufException(start, $"unsupported wire type {(int)wireType}");
        }

        return true;
    }

    /// <summary>Reads a varint value.</summary>
    public ulong ReadVarint()
    {
        ulong value = 0;
        int shift = 0;
        int start = _position;
        while (true)
        {
            if (_position >= _data.Length)
            {
                throw new ProtobufException(start, "truncated varint");
            }

            if (shift >= 70)
            {
                throw new ProtobufException(start, "varint too long");
            }

            byte b = _data[_position++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }

            shift += 7;
        }
    }

    /// <summary>Reads a length-delimited field's bytes (a slice of the input).</summary>
    public ReadOnlySpan<byte> ReadBytes()
    {
        int start = _position;
        ulong length = ReadVarint();
        if (length > (ulong)(_data.Length - _position))
        {
            throw new ProtobufException(start, $"length {length} exceeds the remaining {_data.Length - _position} bytes");
        }

        ReadOnlySpan<byte> slice = _data.Slice(_position, (int)length);
        _position += (int)length;
        return slice;
    }

    /// <summary>Reads a length-delimited field as UTF-8 text.</summary>
    public string ReadString()
    {
        int start = _position;
        ReadOnlySpan<byte> bytes = ReadBytes();
        try
        {
            return new UTF8Encoding(false, true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw new ProtobufException(start, "string is not valid UTF-8");
        }
    }

    /// <summary>Skips a field of the given wire type.</summary>
    public void Skip(WireType wireType)
    {
        int start = _position;
        switch (wireType)
        {
            case WireType.Varint:
                ReadVarint();
                break;
            case WireType.Fixed64:
                Advance(8, start);
                break;
            case WireType.Fixed32:
                Advance(4, start);
                break;
            case WireType.LengthDelimited:
                ReadBytes();
                break;
            default:
                throw new ProtobufException(start, $"unsupported wire type {(int)wireType}");
        }
    }

    /// <summary>Throws unless the field has the expected wire type.</summary>
    public readonly void Expect(WireType actual, WireType expected, int fieldNumber)
    {
        if (actual != expected)
        {
            throw new ProtobufException(_position, $"field {fieldNumber} has wire type {actual}, expected {expected}");
        }
    }

    private void Advance(int count, int start)
    {
        if (_data.Length - _position < count)
        {
            throw new ProtobufException(start, "truncated fixed-size field");
        }

        _position += count;
    }

    /// <summary>Reads one uvarint-length-prefixed message from the front of a buffer; false if incomplete.</summary>
    public static bool TryReadLengthPrefixed(ReadOnlySpan<byte> buffer, int maxLength, out int headerLength, out int bodyLength)
    {
        headerLength = 0;
        bodyLength = 0;
        if (!VarInt.TryRead(buffer, out ulong length, out int read))
        {
            if (buffer.Length >= VarInt.MaxLength)
            {
                throw new ProtobufException(0, "length prefix is not a valid varint");
            }

            return false;
        }

        if (length > (ulong)maxLength)
        {
            throw new ProtobufException(0, $"message length {length} exceeds the limit of {maxLength} bytes");
        }

        headerLength = read;
        bodyLength = (int)length;
        return buffer.Length - read >= bodyLength;
    }
}
