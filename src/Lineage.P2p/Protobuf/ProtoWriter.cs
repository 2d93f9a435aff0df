// SPDX-License-Identifier: Apache-2.0

using System.Buffers;
using System.Text;
using Lineage.Core.Multiformats;

namespace Lineage.P2p.Protobuf;

/// <summary>
/// Appends protobuf fields in the order they are written (callers write in tag order, which keeps encodings such
/// as the libp2p <c>PublicKey</c> canonical). Messages here are small, so the writer grows a pooled-free array.
/// </summary>
public sealed class ProtoWriter
{
    private readonly ArrayBufferWriter<byte> _buffer;

    public ProtoWriter(int initialCapacity = 128)
    {
        _buffer = new ArrayBufferWriter<byte>(initialCapacity);
    }

    /// <summary>Bytes written so far.</summary>
    public ReadOnlySpan<byte> WrittenSpan => _buffer.WrittenSpan;

    /// <summary>Number of bytes written so far.</summary>
    public int Length => _buffer.WrittenCount;

    public ProtoWriter WriteVarint(int fieldNumber, ulong value)
    {
        WriteTag(fieldNumber, WireType.Varint);
        WriteRawVarint(value);
        return this;
    }

    public ProtoWriter WriteBytes(int fieldNumber, ReadOnlySpan<byte> value)
    {
        WriteTag(fieldNumber, WireType.LengthDelimited);
        WriteRawVarint((ulong)value.Length);
        value.CopyTo(_buffer.GetSpan(value.Length));
        _buffer.Advance(value.Length);
        return this;
    }

    public ProtoWriter WriteString(int fieldNumber, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return WriteBytes(fieldNumber, Encoding.UTF8.GetBytes(value));
    }

    /// <summary>Writes a nested message field.</summary>
    public ProtoWriter WriteMessage(int fieldNumber, ProtoWriter message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return WriteBytes(fieldNumber, message.WrittenSpan);
    }

    public byte[] ToArray() => _buffer.WrittenSpan.ToArray();

    /// <summary>The message prefixed by its uvarint length, as used by identify and kad.</summary>
    public byte[] ToLengthPrefixedArray()
    {
        ReadOnlySpan<byte> body = _buffer.WrittenSpan;
        byte[] result = new byte[VarInt.GetLength((ulong)body.Length) + body.Length];
        int n = VarInt.Write((ulong)body.Length, result);
        body.CopyTo(result.AsSpan(n));
        return result;
    }

    private void WriteTag(int fieldNumber, WireType wireType) => WriteRawVarint(((ulong)fieldNumber << 3) | (ulong)wireType);

    private void WriteRawVarint(ulong value)
    {
        Span<byte> span = _buffer.GetSpan(VarInt.MaxLength + 1);
        int n = VarInt.Write(value, span);
        _buffer.Advance(n);
    }
}
