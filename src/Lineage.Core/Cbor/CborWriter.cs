// SPDX-License-Identifier: Apache-2.0

using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace Lineage.Core.Cbor;

/// <summary>
/// Writes CBOR items in the DAG-CBOR canonical form: shortest argument encoding, definite lengths only, floats
/// always as 64-bit. Map key order is the caller's job (see <see cref="CompareMapKeys"/>).
/// </summary>
public sealed class CborWriter
{
    private readonly IBufferWriter<byte> _output;

    public CborWriter(IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        _output = output;
    }

    /// <summary>
    /// DAG-CBOR map key order: shorter encoded key first, then bytewise (RFC 7049 §3.9 canonical order over
    /// UTF-8 text keys).
    /// </summary>
    public static int CompareMapKeys(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right) =>
        left.Length != right.Length ? left.Length.CompareTo(right.Length) : left.SequenceCompareTo(right);

    public void WriteUInt64(ulong value) => WriteHeader(CborMajorType.UnsignedInteger, value);

    public void WriteInt64(long value)
    {
        if (value >= 0)
        {
            WriteHeader(CborMajorType.UnsignedInteger, (ulong)value);
        }
        else
        {
            // Major type 1 carries -1 - n; ~value == -1 - value without overflow.
            WriteHeader(CborMajorType.NegativeInteger, (ulong)~value);
        }
    }

    /// <summary>Writes the negative integer <c>-1 - <paramref name="magnitudeMinusOne"/></c> (down to -2^64).</summary>
    public void WriteNegative(ulong magnitudeMinusOne) => WriteHeader(CborMajorType.NegativeInteger, magnitudeMinusOne);

    public void WriteByteString(ReadOnlySpan<byte> value)
    {
        WriteHeader(CborMajorType.ByteString, (ulong)value.Length);
        WriteRaw(value);
    }

    public void WriteTextString(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        int length = Encoding.UTF8.GetByteCount(value);
        WriteHeader(CborMajorType.TextString, (ulong)length);
        Span<byte> destination = _output.GetSpan(length);
        int written = Encoding.UTF8.GetBytes(value, destination);
        _output.Advance(written);
    }

    public void WriteUtf8String(ReadOnlySpan<byte> utf8)
    {
        WriteHeader(CborMajorType.TextString, (ulong)utf8.Length);
        WriteRaw(utf8);
    }

    public void WriteStartArray(int count) => WriteHeader(CborMajorType.Array, (ulong)count);

    public void WriteStartMap(int count) => WriteHeader(CborMajorType.Map, (ulong)count);

    public void WriteTag(ulong tag) => WriteHeader(CborMajorType.Tag, tag);

    public void WriteBoolean(bool value) => WriteByte(value ? (byte)0xF5 : (byte)0xF4);

    public void WriteNull() => WriteByte(0xF6);

    /// <summary>Writes a 64-bit float (DAG-CBOR never uses shorter floats). NaN and infinities are not allowed.</summary>
    public void WriteDouble(double value)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "DAG-CBOR forbids NaN and infinities");
        }

        Span<byte> destination = _output.GetSpan(9);
        destination[0] = 0xFB;
        BinaryPrimitives.WriteDoubleBigEndian(destination[1..], value);
        _output.Advance(9);
    }

    /// <summary>Copies an already encoded item (e.g. a value cut from another block) verbatim.</summary>
    public void WriteEncodedValue(ReadOnlySpan<byte> encoded) => WriteRaw(encoded);

    private void WriteHeader(CborMajorType major, ulong argument)
    {
        byte initial = (byte)((byte)major << 5);
        Span<byte> destination = _output.GetSpan(9);
        int length;
        if (argument < 24)
        {
            destination[0] = (byte)(initial | (byte)argument);
            length = 1;
        }
        else if (argument <= byte.MaxValue)
        {
            destination[0] = (byte)(initial | 24);
            destination[1] = (byte)argument;
            length = 2;
        }
        else if (argument <= ushort.MaxValue)
        {
            destination[0] = (byte)(initial | 25);
            BinaryPrimitives.WriteUInt16BigEndian(destination[1..], (ushort)argument);
            length = 3;
        }
        else if (argument <= uint.MaxValue)
        {
            destination[0] = (byte)(initial | 26);
            BinaryPrimitives.WriteUInt32BigEndian(destination[1..], (uint)argument);
            length = 5;
        }
        else
        {
            destination[0] = (byte)(initial | 27);
            BinaryPrimitives.WriteUInt64BigEndian(destination[1..], argument);
            length = 9;
        }

        _output.Advance(length);
    }

    private void WriteByte(byte value)
    {
        _output.GetSpan(1)[0] = value;
        _output.Advance(1);
    }

    private void WriteRaw(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(_output.GetSpan(bytes.Length));
        _output.Advance(bytes.Length);
    }
}
