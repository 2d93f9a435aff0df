// SPDX-License-Identifier: Apache-2.0

using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Unicode;
using Lineage.Wasm.Model;
using ValueType = Lineage.Wasm.Model.ValueType;

namespace Lineage.Wasm.Binary;

/// <summary>
/// Forward-only reader over a span of WebAssembly binary data: bytes, LEB128 integers with the exact overlong and
/// overflow rules of the specification, IEEE floats and UTF-8 names. Every error is a
/// <see cref="WasmFormatException"/> carrying the absolute byte offset in the module.
/// </summary>
public ref struct WasmReader
{
    private readonly ReadOnlySpan<byte> _buffer;
    private readonly int _origin;
    private readonly string _endReason;
    private int _position;

    /// <summary>Reads <paramref name="buffer"/>, whose first byte is at module offset <paramref name="origin"/>.</summary>
    /// <param name="buffer">The bytes to read.</param>
    /// <param name="origin">The module offset of <paramref name="buffer"/>'s first byte (used in errors).</param>
    /// <param name="endReason">The reason reported when reading past the end (the spec says "unexpected end of
    /// section or function" inside sections and bodies).</param>
    public WasmReader(ReadOnlySpan<byte> buffer, int origin = 0, string endReason = "unexpected end")
    {
        _buffer = buffer;
        _origin = origin;
        _endReason = endReason;
        _position = 0;
    }

    /// <summary>The absolute module offset of the next byte.</summary>
    public readonly int Offset => _origin + _position;

    /// <summary>The position of the next byte relative to the start of this reader's buffer.</summary>
    public int Position
    {
        readonly get => _position;
        set
        {
            if ((uint)value > (uint)_buffer.Length)
            {
                ThrowUnexpectedEnd(_origin + _buffer.Length);
            }

            _position = value;
        }
    }

    /// <summary>Number of bytes left.</summary>
    public readonly int Remaining => _buffer.Length - _position;

    /// <summary>Whether every byte has been read.</summary>
    public readonly bool IsAtEnd => _position >= _buffer.Length;

    /// <summary>The absolute module offset just past this reader's buffer.</summary>
    public readonly int EndOffset => _origin + _buffer.Length;

    /// <summary>Throws a <see cref="WasmFormatException"/> with <paramref name="reason"/> at <paramref name="offset"/>.</summary>
    [DoesNotReturn]
    public static void Throw(string reason, int offset) => throw new WasmFormatException(reason, offset);

    /// <summary>Reads one byte.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public byte ReadByte()
    {
        var position = _position;
        if ((uint)position >= (uint)_buffer.Length)
        {
            ThrowUnexpectedEnd(Offset);
        }

        _position = position + 1;
        return _buffer[position];
    }

    /// <summary>Returns the next byte without consuming it.</summary>
    public readonly byte PeekByte()
    {
        if ((uint)_position >= (uint)_buffer.Length)
        {
            ThrowUnexpectedEnd(Offset);
        }

        return _buffer[_position];
    }

    /// <summary>Reads <paramref name="count"/> raw bytes.</summary>
    public ReadOnlySpan<byte> ReadBytes(int count)
    {
        if (count < 0 || count > Remaining)
        {
            ThrowUnexpectedEnd(Offset);
        }

        var slice = _buffer.Slice(_position, count);
        _position += count;
        return slice;
    }

    /// <summary>Skips <paramref name="count"/> bytes.</summary>
    public void Skip(int count) => ReadBytes(count);

    /// <summary>Reads an unsigned LEB128 of at most 32 bits (at most 5 bytes).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public uint ReadVarUInt32()
    {
        var position = _position;
        if ((uint)position < (uint)_buffer.Length)
        {
            var first = _buffer[position];
            if (first < 0x80)
            {
                _position = position + 1;
                return first;
            }
        }

        return ReadVarUInt32Slow();
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private uint ReadVarUInt32Slow()
    {
        var start = Offset;
        uint result = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = ReadByte();
            if (shift == 28)
            {
                if ((b & 0x80) != 0)
                {
                    Throw("integer representation too long", start);
                }

                if ((b & 0x70) != 0)
                {
                    Throw("integer too large", start);
                }

                return result | ((uint)b << 28);
            }

            result |= (uint)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return result;
            }
        }
    }

    /// <summary>Reads a signed LEB128 of at most 32 bits (at most 5 bytes).</summary>
    public int ReadVarInt32()
    {
        var start = Offset;
        var result = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = ReadByte();
            if (shift == 28)
            {
                if ((b & 0x80) != 0)
                {
                    Throw("integer representation too long", start);
                }

                // Bits 4-6 of the last byte are beyond bit 31: they must repeat the sign bit (bit 3).
                var high = b & 0x70;
                if (high != ((b & 0x08) != 0 ? 0x70 : 0))
                {
                    Throw("integer too large", start);
                }

                return result | (b << 28);
            }

            result |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return (b & 0x40) != 0 && shift < 25 ? result | (-1 << (shift + 7)) : result;
            }
        }
    }

    /// <summary>Reads a signed LEB128 of at most 33 bits (block types: negative = value type, else a type index).</summary>
    public long ReadVarInt33()
    {
        var start = Offset;
        long result = 0;
        for (var shift = 0; ; shift += 7)
        {
            long b = ReadByte();
            if (shift == 28)
            {
                if ((b & 0x80) != 0)
                {
                    Throw("integer representation too long", start);
                }

                var high = b & 0x60;
                if (high != ((b & 0x10) != 0 ? 0x60 : 0))
                {
                    Throw("integer too large", start);
                }

                result |= b << 28;
                return (result << 31) >> 31;
            }

            result |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return (b & 0x40) != 0 ? result | (-1L << (shift + 7)) : result;
            }
        }
    }

    /// <summary>Reads a signed LEB128 of at most 64 bits (at most 10 bytes).</summary>
    public long ReadVarInt64()
    {
        var start = Offset;
        long result = 0;
        for (var shift = 0; ; shift += 7)
        {
            long b = ReadByte();
            if (shift == 63)
            {
                if ((b & 0x80) != 0)
                {
                    Throw("integer representation too long", start);
                }

                // Only bit 0 of the tenth byte is significant (bit 63); the rest must repeat it.
                if (b != 0 && b != 0x7F)
                {
                    Throw("integer too large", start);
                }

                return result | (b << 63);
            }

            result |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return (b & 0x40) != 0 && shift < 57 ? result | (-1L << (shift + 7)) : result;
            }
        }
    }

    /// <summary>Reads an unsigned LEB128 of at most 64 bits (at most 10 bytes).</summary>
    public ulong ReadVarUInt64()
    {
        var start = Offset;
        ulong result = 0;
        for (var shift = 0; ; shift += 7)
        {
            ulong b = ReadByte();
            if (shift == 63)
            {
                if ((b & 0x80) != 0)
                {
                    Throw("integer representation too long", start);
                }

                if (b > 1)
                {
                    Throw("integer too large", start);
                }

                return result | (b << 63);
            }

            result |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return result;
            }
        }
    }

    /// <summary>Reads a little-endian 32-bit value (the bits of an f32).</summary>
    public uint ReadUInt32LittleEndian() => BinaryPrimitives.ReadUInt32LittleEndian(ReadBytes(4));

    /// <summary>Reads a little-endian 64-bit value (the bits of an f64).</summary>
    public ulong ReadUInt64LittleEndian() => BinaryPrimitives.ReadUInt64LittleEndian(ReadBytes(8));

    /// <summary>Reads a vector length and checks it against the bytes left (each element takes at least one byte).</summary>
    public int ReadCount()
    {
        var start = Offset;
        var count = ReadVarUInt32();
        if (count > (uint)Remaining)
        {
            // Every element takes at least one byte, so reading them would run out of input anyway.
            ThrowUnexpectedEnd(start);
        }

        return (int)count;
    }

    /// <summary>Reads a name: a length-prefixed, strictly valid UTF-8 string.</summary>
    public string ReadName()
    {
        var start = Offset;
        var length = ReadVarUInt32();
        if (length > (uint)Remaining)
        {
            Throw("length out of bounds", start);
        }

        var bytes = ReadBytes((int)length);
        if (!Utf8.IsValid(bytes))
        {
            Throw("malformed UTF-8 encoding", start);
        }

        return Encoding.UTF8.GetString(bytes);
    }

    /// <summary>Reads a value type byte.</summary>
    public ValueType ReadValueType()
    {
        var start = Offset;
        var type = (ValueType)ReadByte();
        if (!ValueTypes.IsDefined(type))
        {
            Throw("malformed value type", start);
        }

        return type;
    }

    /// <summary>Reads a reference type byte (funcref or externref).</summary>
    public ValueType ReadReferenceType()
    {
        var start = Offset;
        var type = (ValueType)ReadByte();
        if (!ValueTypes.IsReference(type))
        {
            Throw("malformed reference type", start);
        }

        return type;
    }

    [DoesNotReturn]
    private readonly void ThrowUnexpectedEnd(int offset) => Throw(_endReason ?? "unexpected end", offset);
}
