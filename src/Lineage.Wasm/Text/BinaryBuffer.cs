// SPDX-License-Identifier: Apache-2.0

using System.Buffers.Binary;
using Lineage.Wasm.Binary;

namespace Lineage.Wasm.Text;

/// <summary>A growable byte buffer with the encodings of the binary format (LEB128, floats, names, vectors).</summary>
internal sealed class BinaryBuffer
{
    private byte[] _bytes = new byte[64];

    /// <summary>Number of bytes written.</summary>
    public int Length { get; private set; }

    /// <summary>The bytes written so far.</summary>
    public ReadOnlySpan<byte> Written => _bytes.AsSpan(0, Length);

    public void Byte(byte value)
    {
        Ensure(1);
        _bytes[Length++] = value;
    }

    public void Bytes(ReadOnlySpan<byte> value)
    {
        Ensure(value.Length);
        value.CopyTo(_bytes.AsSpan(Length));
        Length += value.Length;
    }

    public void U32(uint value) => U64(value);

    public void U64(ulong value)
    {
        do
        {
            var b = (byte)(value & 0x7F);
            value >>= 7;
            Byte(value == 0 ? b : (byte)(b | 0x80));
        }
        while (value != 0);
    }

    public void S32(int value) => S64(value);

    public void S64(long value)
    {
        while (true)
        {
            var b = (byte)(value & 0x7F);
            value >>= 7;
            if ((value == 0 && (b & 0x40) == 0) || (value == -1 && (b & 0x40) != 0))
            {
                Byte(b);
                return;
            }

            Byte((byte)(b | 0x80));
        }
    }

    public void F32Bits(uint bits)
    {
        Ensure(4);
        BinaryPrimitives.WriteUInt32LittleEndian(_bytes.AsSpan(Length), bits);
        Length += 4;
    }

    public void F64Bits(ulong bits)
    {
        Ensure(8);
        BinaryPrimitives.WriteUInt64LittleEndian(_bytes.AsSpan(Length), bits);
        Length += 8;
    }

    /// <summary>A length-prefixed byte vector (names, data).</summary>
    public void Vector(ReadOnlySpan<byte> value)
    {
        U32((uint)value.Length);
        Bytes(value);
    }

    /// <summary>Writes a section: id, size, contents (skipped when <paramref name="count"/> is zero and the section is optional).</summary>
    public void Section(SectionId id, uint count, BinaryBuffer contents)
    {
        var body = new BinaryBuffer();
        body.U32(count);
        body.Bytes(contents.Written);
        Byte((byte)id);
        Vector(body.Written);
    }

    /// <summary>Drops the bytes after the first <paramref name="length"/>.</summary>
    public void Truncate(int length) => Length = length;

    public byte[] ToArray() => Written.ToArray();

    private void Ensure(int extra)
    {
        if (Length + extra > _bytes.Length)
        {
            Array.Resize(ref _bytes, Math.Max(_bytes.Length * 2, Length + extra));
        }
    }
}
