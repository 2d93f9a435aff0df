// SPDX-License-Identifier: Apache-2.0

using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Lineage.Core.Cbor;
using Lineage.Core.Multiformats;

namespace Lineage.Core.DagJson;

/// <summary>
/// Converts DAG-JSON (a parsed JSON value) to canonical DAG-CBOR, as kubo's <c>ipfs dag put</c> does with its
/// defaults (<c>--input-codec dag-json --store-codec dag-cbor</c>):
/// <c>{"/": "cid"}</c> becomes a tag-42 link (0x00 ‖ binary CID), <c>{"/": {"bytes": "base64"}}</c> a byte string,
/// map keys are sorted length-first then bytewise, integers take the shortest form and every number written with a
/// fraction or exponent is a 64-bit float. Duplicate keys keep the last value (serde_json's behaviour, which is
/// what the reference fed to kubo).
/// </summary>
public static class DagJsonToCbor
{
    /// <summary>CBOR tag of an IPLD link.</summary>
    public const ulong LinkTag = 42;

    /// <summary>Deepest nesting accepted.</summary>
    public const int MaxDepth = 256;

    /// <summary>Encodes a JSON value as DAG-CBOR bytes.</summary>
    public static byte[] Encode(JsonElement value)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        Write(new CborWriter(buffer), value);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Parses DAG-JSON text and encodes it as DAG-CBOR; throws <see cref="FormatException"/> on invalid input.</summary>
    public static byte[] Encode(string json)
    {
        using JsonDocument document = Parse(json);
        return Encode(document.RootElement);
    }

    /// <summary>Parses JSON text with the depth limit used for DAG-JSON.</summary>
    public static JsonDocument Parse(string json)
    {
        try
        {
            return JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = MaxDepth });
        }
        catch (JsonException ex)
        {
            throw new FormatException($"invalid JSON at byte {ex.BytePositionInLine} of line {ex.LineNumber}: {ex.Message}", ex);
        }
    }

    /// <summary>Writes a JSON value as DAG-CBOR.</summary>
    public static void Write(CborWriter writer, JsonElement value) => Write(writer, value, 0);

    private static void Write(CborWriter writer, JsonElement value, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new FormatException($"DAG-JSON nesting deeper than {MaxDepth}");
        }

        switch (value.ValueKind)
        {
            case JsonValueKind.Null:
                writer.WriteNull();
                break;
            case JsonValueKind.True:
                writer.WriteBoolean(true);
                break;
            case JsonValueKind.False:
                writer.WriteBoolean(false);
                break;
            case JsonValueKind.String:
                writer.WriteTextString(value.GetString()!);
                break;
            case JsonValueKind.Number:
                WriteNumber(writer, value);
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray(value.GetArrayLength());
                foreach (JsonElement item in value.EnumerateArray())
                {
                    Write(writer, item, depth + 1);
                }

                break;
            case JsonValueKind.Object:
                WriteObject(writer, value, depth);
                break;
            default:
                throw new FormatException($"unsupported JSON value kind {value.ValueKind}");
        }
    }

    private static void WriteNumber(CborWriter writer, JsonElement value)
    {
        string raw = value.GetRawText();
        bool isFloat = raw.AsSpan().IndexOfAny('.', 'e', 'E') >= 0;
        if (!isFloat)
        {
            if (value.TryGetInt64(out long signed))
            {
                writer.WriteInt64(signed);
                return;
            }

            if (value.TryGetUInt64(out ulong unsigned))
            {
                writer.WriteUInt64(unsigned);
                return;
            }
        }

        // Fractions, exponents and integers beyond 64 bits become doubles (serde_json does the same).
        double number = double.Parse(raw, NumberStyles.Float, CultureInfo.InvariantCulture);
        if (!double.IsFinite(number))
        {
            throw new FormatException($"number {raw} is out of the 64-bit float range");
        }

        writer.WriteDouble(number);
    }

    private static void WriteObject(CborWriter writer, JsonElement value, int depth)
    {
        var entries = new List<(byte[] Key, int Index, JsonElement Value)>();
        int index = 0;
        foreach (JsonProperty property in value.EnumerateObject())
        {
            entries.Add((Encoding.UTF8.GetBytes(property.Name), index++, property.Value));
        }

        if (entries.Count == 1 && entries[0].Key is [(byte)'/'])
        {
            JsonElement inner = entries[0].Value;
            if (inner.ValueKind == JsonValueKind.String)
            {
                WriteLink(writer, inner.GetString()!);
                return;
            }

            if (inner.ValueKind == JsonValueKind.Object && TryGetBytes(inner, out byte[]? bytes))
            {
                writer.WriteByteString(bytes);
                return;
            }
        }

        // Stable sort by canonical key order; among equal keys the last occurrence wins.
        entries.Sort((a, b) =>
        {
            int order = CborWriter.CompareMapKeys(a.Key, b.Key);
            return order != 0 ? order : a.Index.CompareTo(b.Index);
        });
        var unique = new List<(byte[] Key, int Index, JsonElement Value)>(entries.Count);
        foreach (var entry in entries)
        {
            if (unique.Count > 0 && unique[^1].Key.AsSpan().SequenceEqual(entry.Key))
            {
                unique[^1] = entry;
            }
            else
            {
                unique.Add(entry);
            }
        }

        writer.WriteStartMap(unique.Count);
        foreach (var entry in unique)
        {
            writer.WriteUtf8String(entry.Key);
            Write(writer, entry.Value, depth + 1);
        }
    }

    /// <summary>Writes a tag-42 link to <paramref name="cidText"/>.</summary>
    public static void WriteLink(CborWriter writer, string cidText)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (!Cid.TryParse(cidText, out Cid? cid, out string? error))
        {
            throw new FormatException($"invalid DAG-JSON link {{\"/\": \"{cidText}\"}}: {error}");
        }

        WriteLink(writer, cid);
    }

    /// <summary>Writes a tag-42 link: a byte string of 0x00 (identity multibase) followed by the binary CID.</summary>
    public static void WriteLink(CborWriter writer, Cid cid)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(cid);
        ReadOnlySpan<byte> binary = cid.AsSpan();
        byte[] payload = new byte[binary.Length + 1];
        binary.CopyTo(payload.AsSpan(1));
        writer.WriteTag(LinkTag);
        writer.WriteByteString(payload);
    }

    private static bool TryGetBytes(JsonElement inner, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out byte[]? bytes)
    {
        bytes = null;
        int count = 0;
        JsonElement encoded = default;
        foreach (JsonProperty property in inner.EnumerateObject())
        {
            count++;
            encoded = property.Value;
            if (property.Name != "bytes")
            {
                return false;
            }
        }

        if (count != 1 || encoded.ValueKind != JsonValueKind.String)
        {
            return false;
        }

        string text = encoded.GetString()!;
        // DAG-JSON bytes are standard base64 without padding; accept padding too.
        string padded = text.PadRight(text.Length + ((4 - (text.Length % 4)) % 4), '=');
        try
        {
            bytes = Convert.FromBase64String(padded);
            return true;
        }
        catch (FormatException ex)
        {
            throw new FormatException($"invalid base64 in DAG-JSON bytes: {ex.Message}", ex);
        }
    }
}
