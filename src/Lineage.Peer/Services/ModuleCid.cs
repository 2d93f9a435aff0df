// SPDX-License-Identifier: Apache-2.0

using System.Buffers;
using Lineage.Core.Multiformats;

namespace Lineage.Peer.Services;

/// <summary>
/// The id nox gives a module (fluence-peer.md §10, nox <c>cid-utils</c> <c>Hash::new</c>): the bytes are cut into
/// 256 KiB chunks as go-ipfs does; one chunk ⇒ <c>CIDv1(raw, sha2-256)</c> of the bytes, more ⇒ a dag-pb UnixFS
/// file node linking the raw chunks (CIDv1 dag-pb), so the id equals what <c>ipfs add --cid-version 1
/// --raw-leaves</c> prints for the same file.
/// </summary>
public static class ModuleCid
{
    /// <summary>go-ipfs's default chunk size.</summary>
    public const int ChunkSize = 262_144;

    public static Cid Compute(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length <= ChunkSize)
        {
            return Cid.ComputeV1(Multicodec.Raw, bytes);
        }

        // PBNode: Links (field 2) first, then Data (field 1), as the dag-pb spec orders them.
        var node = new ProtobufWriter();
        var fileData = new ProtobufWriter();
        fileData.WriteVarint(1, 2); // UnixFS Type = File
        fileData.WriteVarint(3, (ulong)bytes.Length); // filesize
        for (int offset = 0; offset < bytes.Length; offset += ChunkSize)
        {
            ReadOnlySpan<byte> chunk = bytes.Slice(offset, Math.Min(ChunkSize, bytes.Length - offset));
            var link = new ProtobufWriter();
            link.WriteBytes(1, Cid.ComputeV1(Multicodec.Raw, chunk).AsSpan()); // Hash
            link.WriteBytes(2, []); // Name: present and empty, as go-ipfs writes it
            link.WriteVarint(3, (ulong)chunk.Length); // Tsize
            node.WriteBytes(2, link.ToArray());
            fileData.WriteVarint(4, (ulong)chunk.Length); // blocksizes (proto2, not packed)
        }

        node.WriteBytes(1, fileData.ToArray());
        return Cid.ComputeV1(Multicodec.DagPb, node.ToArray());
    }

    /// <summary>The protobuf wire format subset dag-pb and UnixFS need: varint and length-delimited fields.</summary>
    private sealed class ProtobufWriter
    {
        private readonly ArrayBufferWriter<byte> _buffer = new();

        public void WriteVarint(int field, ulong value)
        {
            WriteRawVarint((ulong)(field << 3));
            WriteRawVarint(value);
        }

        public void WriteBytes(int field, ReadOnlySpan<byte> value)
        {
            WriteRawVarint((ulong)((field << 3) | 2));
            WriteRawVarint((ulong)value.Length);
            _buffer.Write(value);
        }

        public byte[] ToArray() => _buffer.WrittenSpan.ToArray();

        private void WriteRawVarint(ulong value)
        {
            Span<byte> scratch = stackalloc byte[10];
            _buffer.Write(scratch[..VarInt.Write(value, scratch)]);
        }
    }
}
