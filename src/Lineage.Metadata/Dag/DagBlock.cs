// SPDX-License-Identifier: Apache-2.0

using System.Buffers;
using System.Text.Json;
using Lineage.Core.Cbor;
using Lineage.Core.DagJson;
using Lineage.Core.Multiformats;

namespace Lineage.Metadata.Dag;

/// <summary>
/// The reference history block (§11) <c>{timestamp, content, previous, transaction}</c> encoded as DAG-CBOR with a
/// CIDv1 (dag-cbor, sha2-256) — byte-identical to what the reference's <c>ipfs dag put</c> stored:
/// <c>content</c> is the content text parsed as JSON, or the text itself as a JSON string when it is not JSON;
/// <c>previous</c> is a link, or the string <c>"{}"</c> for the first block (kept for compatibility, defect D16);
/// <c>transaction</c> is <c>{hash, timestamp, meta_contract_id, method, value}</c> or <c>{}</c> (cron blocks).
/// </summary>
public static class DagBlock
{
    /// <summary>Encodes a block; throws <see cref="FormatException"/> when JSON content holds an invalid link.</summary>
    public static (Cid Cid, byte[] Bytes) Encode(long timestamp, string content, Cid? previous, BlockTransaction? transaction)
    {
        ArgumentNullException.ThrowIfNull(content);
        return Encode(timestamp, writer => WriteContent(writer, content), previous, transaction);
    }

    /// <summary>Encodes a block whose content is an already encoded DAG-CBOR item (e.g. copied by a clone).</summary>
    public static (Cid Cid, byte[] Bytes) EncodeWithEncodedContent(long timestamp, byte[] encodedContent, Cid? previous, BlockTransaction? transaction) =>
        Encode(timestamp, writer => writer.WriteEncodedValue(encodedContent), previous, transaction);

    private static (Cid Cid, byte[] Bytes) Encode(long timestamp, Action<CborWriter> writeContent, Cid? previous, BlockTransaction? transaction)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        var writer = new CborWriter(buffer);

        // Keys in DAG-CBOR order (length first): content(7), previous(8), timestamp(9), transaction(11).
        writer.WriteStartMap(4);
        writer.WriteTextString("content");
        writeContent(writer);
        writer.WriteTextString("previous");
        if (previous is null)
        {
            writer.WriteTextString("{}");
        }
        else
        {
            DagJsonToCbor.WriteLink(writer, previous);
        }

        writer.WriteTextString("timestamp");
        writer.WriteInt64(timestamp);
        writer.WriteTextString("transaction");
        if (transaction is null)
        {
            writer.WriteStartMap(0);
        }
        else
        {
            // hash(4), value(5), method(6), timestamp(9), meta_contract_id(16).
            writer.WriteStartMap(5);
            writer.WriteTextString("hash");
            writer.WriteTextString(transaction.Hash);
            writer.WriteTextString("value");
            writer.WriteTextString(transaction.Value);
            writer.WriteTextString("method");
            writer.WriteTextString(transaction.Method);
            writer.WriteTextString("timestamp");
            writer.WriteInt64(transaction.Timestamp);
            writer.WriteTextString("meta_contract_id");
            writer.WriteTextString(transaction.MetaContractId);
        }

        byte[] bytes = buffer.WrittenSpan.ToArray();
        return (Cid.ComputeV1(Multicodec.DagCbor, bytes), bytes);
    }

    /// <summary>Writes content text as the reference did: parsed JSON when it parses, else a JSON string.</summary>
    public static void WriteContent(CborWriter writer, string content)
    {
        ArgumentNullException.ThrowIfNull(writer);
        JsonDocument? document = null;
        try
        {
            document = JsonDocument.Parse(content, new JsonDocumentOptions { MaxDepth = DagJsonToCbor.MaxDepth });
        }
        catch (JsonException)
        {
            // Not JSON: the reference stored such content as a JSON string.
        }

        if (document is null)
        {
            writer.WriteTextString(content);
            return;
        }

        using (document)
        {
            DagJsonToCbor.Write(writer, document.RootElement);
        }
    }

    /// <summary>The encoded DAG-CBOR item of the block's <c>content</c>, or null when absent.</summary>
    public static byte[]? ReadEncodedContent(ReadOnlySpan<byte> block)
    {
        var reader = new CborReader(block);
        int start = reader.Offset;
        if (reader.ReadHeader(out ulong count) != CborMajorType.Map)
        {
            throw new CborFormatException(start, "a history block must be a map");
        }

        for (ulong i = 0; i < count; i++)
        {
            string key = reader.ReadTextString();
            int valueStart = reader.Offset;
            reader.SkipItem();
            if (key == "content")
            {
                return block[valueStart..reader.Offset].ToArray();
            }
        }

        return null;
    }

    /// <summary>The <c>previous</c> link of an encoded block, or null for a first block (string "{}", null or absent).</summary>
    public static Cid? ReadPrevious(ReadOnlySpan<byte> block)
    {
        var reader = new CborReader(block);
        int start = reader.Offset;
        if (reader.ReadHeader(out ulong count) != CborMajorType.Map)
        {
            throw new CborFormatException(start, "a history block must be a map");
        }

        for (ulong i = 0; i < count; i++)
        {
            string key = reader.ReadTextString();
            if (key == "previous" && reader.PeekMajorType() == CborMajorType.Tag)
            {
                int tagOffset = reader.Offset;
                reader.ReadHeader(out ulong tag);
                if (tag != DagJsonToCbor.LinkTag || reader.ReadHeader(out ulong length) != CborMajorType.ByteString)
                {
                    throw new CborFormatException(tagOffset, "previous is not a link");
                }

                ReadOnlySpan<byte> payload = reader.ReadPayload(length);
                if (payload.IsEmpty || payload[0] != 0 || !Cid.TryFromBytes(payload[1..], out Cid? cid, out _))
                {
                    throw new CborFormatException(tagOffset, "previous is not a valid link");
                }

                return cid;
            }

            reader.SkipItem();
        }

        return null;
    }
}
