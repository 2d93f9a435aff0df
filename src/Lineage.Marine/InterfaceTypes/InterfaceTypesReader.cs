// SPDX-License-Identifier: Apache-2.0

using System.Text;

namespace Lineage.Marine.InterfaceTypes;

/// <summary>
/// Span-based reader of the binary <c>interface-types</c> encoding. Every failure throws
/// <see cref="InterfaceTypesFormatException"/> with the offset of the offending byte.
/// </summary>
internal ref struct InterfaceTypesReader(ReadOnlySpan<byte> data)
{
    /// <summary>Array nesting beyond this is refused, so a hostile section cannot overflow the stack.</summary>
    private const int MaxTypeDepth = 64;

    private const int MaxLebLength = 9;

    private static readonly UTF8Encoding s_strictUtf8 = new(false, true);

    private readonly ReadOnlySpan<byte> _data = data;
    private int _position;

    public readonly int Position => _position;

    public readonly bool End => _position >= _data.Length;

    public readonly int Remaining => _data.Length - _position;

    public byte ReadByte()
    {
        if (_position >= _data.Length)
        {
            throw Error(_position, "unexpected end of section");
        }

        return _data[_position++];
    }

    /// <summary>
    /// Unsigned LEB128 of at most 9 bytes, as wasmer-it reads it. Unlike <c>Multiformats.VarInt</c> it accepts
    /// non-minimal encodings, because the IT decoder does.
    /// </summary>
    public ulong ReadUleb()
    {
        int start = _position;
        ulong result = 0;
        for (int i = 0; i < MaxLebLength; i++)
        {
            if (_position >= _data.Length)
            {
                throw Error(start, "unexpected end of section inside a LEB128 integer");
            }

            byte b = _data[_position++];
            result |= (ulong)(b & 0x7f) << (7 * i);
            if ((b & 0x80) == 0)
            {
                return result;
            }
        }

        throw Error(start, $"LEB128 integer longer than {MaxLebLength} bytes");
    }

    /// <summary>A count that must be plausible for the bytes left (each item takes at least one byte).</summary>
    public int ReadCount(string what)
    {
        int start = _position;
        ulong count = ReadUleb();
        if (count > (ulong)Remaining)
        {
            throw Error(start, $"{what} count {count} exceeds the {Remaining} bytes left");
        }

        return (int)count;
    }

    /// <summary>A one-byte length list count (function arguments, outputs, fields, instructions).</summary>
    public int ReadShortCount(string what)
    {
        int start = _position;
        int count = ReadByte();
        if (count > Remaining)
        {
            throw Error(start, $"{what} count {count} exceeds the {Remaining} bytes left");
        }

        return count;
    }

    /// <summary>A name: a one-byte length followed by UTF-8.</summary>
    public string ReadName(string what)
    {
        int start = _position;
        int length = ReadByte();
        if (length > Remaining)
        {
            throw Error(start, $"{what} of {length} bytes runs past the end of the section");
        }

        try
        {
            string name = s_strictUtf8.GetString(_data.Slice(_position, length));
            _position += length;
            return name;
        }
        catch (DecoderFallbackException)
        {
            throw Error(start + 1, $"{what} is not valid UTF-8");
        }
    }

    public IType ReadType() => ReadType(0);

    public static InterfaceTypesFormatException Error(int offset, string reason) => new(offset, reason);

    private IType ReadType(int depth)
    {
        int start = _position;
        byte code = ReadByte();
        switch ((ITypeCode)code)
        {
            case ITypeCode.S8 or ITypeCode.S16 or ITypeCode.S32 or ITypeCode.S64
                or ITypeCode.U8 or ITypeCode.U16 or ITypeCode.U32 or ITypeCode.U64
                or ITypeCode.F32 or ITypeCode.F64 or ITypeCode.Utf8String or ITypeCode.Boolean
                or ITypeCode.I32 or ITypeCode.I64 or ITypeCode.ByteArray:
                return IType.Primitive((ITypeCode)code);
            case ITypeCode.Record:
                return IType.Record(ReadUleb());
            case ITypeCode.Array:
                if (depth >= MaxTypeDepth)
                {
                    throw Error(start, $"array types nested deeper than {MaxTypeDepth}");
                }

                return IType.ArrayOf(ReadType(depth + 1));
            default:
                throw Error(start, $"unknown interface type code 0x{code:x2}");
        }
    }
}
