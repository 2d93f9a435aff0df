// SPDX-License-Identifier: Apache-2.0

using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Lineage.Core.Cbor;
using Lineage.Core.Multiformats;

namespace Lineage.Core.DagJson;

/// <summary>
/// Decodes DAG-CBOR and writes it as compact DAG-JSON (keys sorted bytewise, links as <c>{"/": "cid"}</c>,
/// bytes as <c>{"/": {"bytes": "base64"}}</c>), the form kubo's <c>ipfs dag get</c> prints. Validates the input
/// completely: malformed CBOR, non-text map keys, tags other than 42, invalid links and trailing bytes are
/// <see cref="CborFormatException"/>s with the byte offset.
/// </summary>
public static class DagCborToJson
{
    private static readonly JsonWriterOptions s_writerOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = false,
    };

    /// <summary>DAG-CBOR bytes to DAG-JSON text.</summary>
    public static string Convert(ReadOnlySpan<byte> dagCbor)
    {
        var buffer = new ArrayBufferWriter<byte>(dagCbor.Length * 2 + 16);
        using (var json = new Utf8JsonWriter(buffer, s_writerOptions))
        {
            var reader = new CborReader(dagCbor);
            WriteItem(ref reader, json, 0);
            if (reader.Remaining != 0)
            {
                throw new CborFormatException(reader.Offset, $"{reader.Remaining} trailing bytes after the top-level item");
            }
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Checks that <paramref name="dagCbor"/> is one well-formed DAG-CBOR item.</summary>
    public static void Validate(ReadOnlySpan<byte> dagCbor) => _ = Convert(dagCbor);

    private static void WriteItem(ref CborReader reader, Utf8JsonWriter json, int depth)
    {
        int start = reader.Offset;
        if (depth > DagJsonToCbor.MaxDepth)
        {
            throw new CborFormatException(start, $"nesting deeper than {DagJsonToCbor.MaxDepth}");
        }

        byte initial = reader.PeekInitialByte();
        CborMajorType major = reader.ReadHeader(out ulong argument);
        switch (major)
        {
            case CborMajorType.UnsignedInteger:
                json.WriteNumberValue(argument);
                break;
            case CborMajorType.NegativeInteger:
                if (argument <= long.MaxValue)
                {
                    json.WriteNumberValue(-1L - (long)argument);
                }
                else
                {
                    json.WriteRawValue("-" + (new System.Numerics.BigInteger(argument) + 1).ToString(CultureInfo.InvariantCulture));
                }

                break;
            case CborMajorType.ByteString:
                WriteBytes(json, reader.ReadPayload(argument));
                break;
            case CborMajorType.TextString:
                json.WriteStringValue(CborReader.DecodeUtf8(reader.ReadPayload(argument), start));
                break;
            case CborMajorType.Array:
                if (argument > (ulong)reader.Remaining)
                {
                    throw new CborFormatException(start, $"array of {argument} items cannot fit in {reader.Remaining} bytes");
                }

                json.WriteStartArray();
                for (ulong i = 0; i < argument; i++)
                {
                    WriteItem(ref reader, json, depth + 1);
                }

                json.WriteEndArray();
                break;
            case CborMajorType.Map:
                WriteMap(ref reader, json, argument, start, depth);
                break;
            case CborMajorType.Tag:
                if (argument != DagJsonToCbor.LinkTag)
                {
                    throw new CborFormatException(start, $"tag {argument} is not allowed in DAG-CBOR (only 42)");
                }

                WriteLink(ref reader, json);
                break;
            default:
                WriteSimple(json, initial, argument, start);
                break;
        }
    }

    private static void WriteSimple(Utf8JsonWriter json, byte initial, ulong argument, int offset)
    {
        switch (initial)
        {
            case 0xF4:
                json.WriteBooleanValue(false);
                return;
            case 0xF5:
                json.WriteBooleanValue(true);
                return;
            case 0xF6:
                json.WriteNullValue();
                return;
            case 0xF9 or 0xFA or 0xFB:
                double value = CborReader.DecodeFloat(initial, argument, offset);
                if (!double.IsFinite(value))
                {
                    throw new CborFormatException(offset, "NaN and infinities are not allowed in DAG-CBOR");
                }

                json.WriteRawValue(FormatFloat(value));
                return;
            default:
                throw new CborFormatException(offset, $"simple value 0x{initial:x2} is not allowed in DAG-CBOR");
        }
    }

    /// <summary>Shortest round-trip text of a float, always with a fraction or exponent so it stays a float.</summary>
    public static string FormatFloat(double value)
    {
        string text = value.ToString("R", CultureInfo.InvariantCulture);
        return text.AsSpan().IndexOfAny('.', 'E', 'e') >= 0 ? text : text + ".0";
    }

    private static void WriteMap(ref CborReader reader, Utf8JsonWriter json, ulong count, int start, int depth)
    {
        if (count > (ulong)reader.Remaining)
        {
            throw new CborFormatException(start, $"map of {count} entries cannot fit in {reader.Remaining} bytes");
        }

        // Values are rendered separately so keys can be emitted in DAG-JSON (bytewise) order.
        var entries = new List<(byte[] Key, string Value)>((int)count);
        for (ulong i = 0; i < count; i++)
        {
            int keyOffset = reader.Offset;
            if (reader.PeekMajorType() != CborMajorType.TextString)
            {
                throw new CborFormatException(keyOffset, "DAG-CBOR map keys must be text strings");
            }

            reader.ReadHeader(out ulong keyLength);
            byte[] key = reader.ReadPayload(keyLength).ToArray();
            _ = CborReader.DecodeUtf8(key, keyOffset);
            var valueBuffer = new ArrayBufferWriter<byte>();
            using (var valueJson = new Utf8JsonWriter(valueBuffer, s_writerOptions))
            {
                WriteItem(ref reader, valueJson, depth + 1);
            }

            entries.Add((key, Encoding.UTF8.GetString(valueBuffer.WrittenSpan)));
        }

        entries.Sort((a, b) => a.Key.AsSpan().SequenceCompareTo(b.Key));
        for (int i = 1; i < entries.Count; i++)
        {
            if (entries[i].Key.AsSpan().SequenceEqual(entries[i - 1].Key))
            {
                throw new CborFormatException(start, $"duplicate map key \"{Encoding.UTF8.GetString(entries[i].Key)}\"");
            }
        }

        json.WriteStartObject();
        foreach (var (key, valueText) in entries)
        {
            json.WritePropertyName(key);
            json.WriteRawValue(valueText, skipInputValidation: true);
        }

        json.WriteEndObject();
    }

    private static void WriteLink(ref CborReader reader, Utf8JsonWriter json)
    {
        int start = reader.Offset;
        if (reader.ReadHeader(out ulong length) != CborMajorType.ByteString)
        {
            throw new CborFormatException(start, "tag 42 must wrap a byte string");
        }

        ReadOnlySpan<byte> payload = reader.ReadPayload(length);
        if (payload.IsEmpty || payload[0] != 0x00)
        {
            throw new CborFormatException(start, "tag 42 link must start with the 0x00 multibase prefix");
        }

        if (!Cid.TryFromBytes(payload[1..], out Cid? cid, out string? error))
        {
            throw new CborFormatException(start, "invalid CID in link: " + error);
        }

        json.WriteStartObject();
        json.WriteString("/", cid.ToString());
        json.WriteEndObject();
    }

    private static void WriteBytes(Utf8JsonWriter json, ReadOnlySpan<byte> bytes)
    {
        json.WriteStartObject();
        json.WritePropertyName("/");
        json.WriteStartObject();
        json.WriteString("bytes", System.Convert.ToBase64String(bytes).TrimEnd('='));
        json.WriteEndObject();
        json.WriteEndObject();
    }
}
