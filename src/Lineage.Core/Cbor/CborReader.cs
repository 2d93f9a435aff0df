// SPDX-License-Identifier: Apache-2.0

using System.Buffers.Binary;
using System.Text;

namespace Lineage.Core.Cbor;

/// <summary>
/// Forward-only reader over CBOR bytes. Accepts what DAG-CBOR allows: definite lengths only, no undefined,
/// no simple values other than false/true/null. Every error is a <see cref="CborFormatException"/> carrying the
/// byte offset; the reader never reads past its span.
/// </summary>
public ref struct CborReader
{
    private readonly ReadOnlySpan<byte> _data;
    private int _offset;

    public CborReader(ReadOnlySpan<byte> data)
    {
        _data = data;
        _offset = 0;
    }

    /// <summary>Offset of the next unread byte.</summary>
    public readonly int Offset => _offset;

    /// <summary>Bytes not yet read.</summary>
    public readonly int Remaining => _data.Length - _offset;

    /// <summary>The major type of the next item without consuming it.</summary>
    public readonly CborMajorType PeekMajorType()
    {
        if (_offset >= _data.Length)
        {
            throw new CborFormatException(_offset, "unexpected end of input");
        }

        return (CborMajorType)(_data[_offset] >> 5);
    }

    /// <summary>The initial byte of the next item without consuming it.</summary>
    public readonly byte PeekInitialByte()
    {
        if (_offset >= _data.Length)
        {
            throw new CborFormatException(_offset, "unexpected end of input");
        }

        return _data[_offset];
    }

    /// <summary>Reads an item header: its major type and argument (length, value or tag number).</summary>
    public CborMajorType ReadHeader(out ulong argument)
    {
        int start = _offset;
        if (_offset >= _data.Length)
        {
            throw new CborFormatException(start, "unexpected end of input");
        }

        byte initial = _data[_offset++];
        var major = (CborMajorType)(initial >> 5);
        int info = initial & 0x1F;
        if (major == CborMajorType.SimpleOrFloat)
        {
            // Floats and simple values: the argument is the raw bits; the caller interprets them.
            argument = info switch
            {
                < 24 => (ulong)info,
                24 => Take(1, start)[0],
                25 => BinaryPrimitives.ReadUInt16BigEndian(Take(2, start)),
                26 => BinaryPrimitives.ReadUInt32BigEndian(Take(4, start)),
                27 => BinaryPrimitives.ReadUInt64BigEndian(Take(8, start)),
                _ => throw new CborFormatException(start, info == 31 ? "indefinite-length items are not allowed" : $"reserved additional information {info}"),
            };
            return major;
        }

        argument = info switch
        {
            < 24 => (ulong)info,
            24 => Take(1, start)[0],
            25 => BinaryPrimitives.ReadUInt16BigEndian(Take(2, start)),
            26 => BinaryPrimitives.ReadUInt32BigEndian(Take(4, start)),
            27 => BinaryPrimitives.ReadUInt64BigEndian(Take(8, start)),
            31 => throw new CborFormatException(start, "indefinite-length items are not allowed in DAG-CBOR"),
            _ => throw new CborFormatException(start, $"reserved additional information {info}"),
        };
        return major;
    }

    /// <summary>Reads the payload of a byte or text string whose header was just read.</summary>
    public ReadOnlySpan<byte> ReadPayload(ulong length)
    {
        int start = _offset;
        if (length > (ulong)Remaining)
        {
            throw new CborFormatException(start, $"string of {length} bytes runs past the end of input ({Remaining} left)");
        }

        return Take((int)length, start);
    }

    /// <summary>Reads a text string item.</summary>
    public string ReadTextString()
    {
        int start = _offset;
        CborMajorType major = ReadHeader(out ulong length);
        if (major != CborMajorType.TextString)
        {
            throw new CborFormatException(start, $"expected a text string, found {major}");
        }

        return DecodeUtf8(ReadPayload(length), start);
    }

    /// <summary>Skips one complete item (with everything nested in it).</summary>
    public void SkipItem() => SkipItem(0);

    private void SkipItem(int depth)
    {
        int start = _offset;
        if (depth > MaxSkipDepth)
        {
            throw new CborFormatException(start, $"nesting deeper than {MaxSkipDepth}");
        }

        CborMajorType major = ReadHeader(out ulong argument);
        switch (major)
        {
            case CborMajorType.ByteString:
            case CborMajorType.TextString:
                _ = ReadPayload(argument);
                break;
            case CborMajorType.Array:
            case CborMajorType.Map:
                ulong items = major == CborMajorType.Map ? argument * 2 : argument;
                if (argument > (ulong)Remaining || items > (ulong)Remaining)
                {
                    throw new CborFormatException(start, $"{major} of {argument} entries cannot fit in {Remaining} bytes");
                }

                for (ulong i = 0; i < items; i++)
                {
                    SkipItem(depth + 1);
                }

                break;
            case CborMajorType.Tag:
                SkipItem(depth + 1);
                break;
            default:
                break;
        }
    }

    private const int MaxSkipDepth = 512;

    /// <summary>Decodes UTF-8 strictly (invalid sequences are an error, as DAG-CBOR requires).</summary>
    public static string DecodeUtf8(ReadOnlySpan<byte> utf8, int offset)
    {
        try
        {
            return s_strictUtf8.GetString(utf8);
        }
        catch (DecoderFallbackException ex)
        {
            throw new CborFormatException(offset, "text string is not valid UTF-8: " + ex.Message);
        }
    }

    /// <summary>Interprets the argument of a major-type-7 item read by <see cref="ReadHeader"/>.</summary>
    public static double DecodeFloat(byte initialByte, ulong bits, int offset) => (initialByte & 0x1F) switch
    {
        25 => (double)BitConverter.UInt16BitsToHalf((ushort)bits),
        26 => BitConverter.UInt32BitsToSingle((uint)bits),
        27 => BitConverter.UInt64BitsToDouble(bits),
        _ => throw new CborFormatException(offset, $"not a float (simple value {bits})"),
    };

    private static readonly UTF8Encoding s_strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private ReadOnlySpan<byte> Take(int count, int itemStart)
    {
        if (count > _data.Length - _offset)
        {
            throw new CborFormatException(itemStart, "unexpected end of input");
        }

        ReadOnlySpan<byte> slice = _data.Slice(_offset, count);
        _offset += count;
        return slice;
    }
}
