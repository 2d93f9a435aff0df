// SPDX-License-Identifier: Apache-2.0

using System.Text.Json;
using System.Text.Json.Nodes;

namespace Lineage.Core.MsgPack;

/// <summary>
/// Converts between msgpack and JSON values, the way AquaVM and its JS helpers treat them: maps become objects
/// (integer keys as decimal strings), bin becomes an array of byte numbers, integers stay integers.
/// </summary>
public static class MsgPackJson
{
    /// <summary>Deepest nesting accepted when reading, so hostile input cannot exhaust the stack.</summary>
    public const int MaxDepth = 128;

    /// <summary>Reads one msgpack value as a JSON node (<c>null</c> for nil).</summary>
    public static JsonNode? ReadNode(ref MsgPackReader reader) => ReadNode(ref reader, 0);

    /// <summary>Decodes a whole buffer holding exactly one msgpack value.</summary>
    public static JsonNode? Decode(ReadOnlySpan<byte> msgpack)
    {
        var reader = new MsgPackReader(msgpack);
        JsonNode? node = ReadNode(ref reader, 0);
        reader.EnsureEnd();
        return node;
    }

    /// <summary>Encodes a JSON node as msgpack.</summary>
    public static byte[] Encode(JsonNode? node)
    {
        byte[] bytes = new byte[GetLength(node)];
        var writer = new MsgPackWriter(bytes);
        Write(ref writer, node);
        return bytes;
    }

    /// <summary>Number of bytes <see cref="Write"/> produces for <paramref name="node"/>.</summary>
    public static int GetLength(JsonNode? node)
    {
        switch (node)
        {
            case null:
                return MsgPackWriter.GetNilLength();
            case JsonObject obj:
                int length = MsgPackWriter.GetMapHeaderLength(obj.Count);
                foreach (KeyValuePair<string, JsonNode?> pair in obj)
                {
                    length += MsgPackWriter.GetStringLength(pair.Key) + GetLength(pair.Value);
                }

                return length;
            case JsonArray array:
                int total = MsgPackWriter.GetArrayHeaderLength(array.Count);
                foreach (JsonNode? item in array)
                {
                    total += GetLength(item);
                }

                return total;
            default:
                return GetScalarLength(node.AsValue());
        }
    }

    /// <summary>Writes a JSON node as msgpack.</summary>
    public static void Write(ref MsgPackWriter writer, JsonNode? node)
    {
        switch (node)
        {
            case null:
                writer.WriteNil();
                break;
            case JsonObject obj:
                writer.WriteMapHeader(obj.Count);
                foreach (KeyValuePair<string, JsonNode?> pair in obj)
                {
                    writer.WriteString(pair.Key);
                    Write(ref writer, pair.Value);
                }

                break;
            case JsonArray array:
                writer.WriteArrayHeader(array.Count);
                foreach (JsonNode? item in array)
                {
                    Write(ref writer, item);
                }

                break;
            default:
                WriteScalar(ref writer, node.AsValue());
                break;
        }
    }

    private static JsonNode? ReadNode(ref MsgPackReader reader, int depth)
    {
        if (depth > MaxDepth)
        {
            throw reader.CreateError($"nesting deeper than {MaxDepth}");
        }

        switch (reader.PeekType())
        {
            case MsgPackType.Nil:
                reader.TryReadNil();
                return null;
            case MsgPackType.Boolean:
                return JsonValue.Create(reader.ReadBoolean());
            case MsgPackType.Integral:
                return reader.ReadInteger(out long small, out ulong large)
                    ? JsonValue.Create(small)
                    : JsonValue.Create(large);
            case MsgPackType.Floating:
                return JsonValue.Create(reader.ReadDouble());
            case MsgPackType.Text:
                return JsonValue.Create(reader.ReadString());
            case MsgPackType.Binary:
                ReadOnlySpan<byte> bytes = reader.ReadBinary();
                var binArray = new JsonArray();
                foreach (byte b in bytes)
                {
                    binArray.Add(JsonValue.Create(b));
                }

                return binArray;
            case MsgPackType.Array:
                int count = reader.ReadArrayHeader();
                var array = new JsonArray();
                for (int i = 0; i < count; i++)
                {
                    array.Add(ReadNode(ref reader, depth + 1));
                }

                return array;
            case MsgPackType.Map:
                int pairs = reader.ReadMapHeader();
                var obj = new JsonObject();
                for (int i = 0; i < pairs; i++)
                {
                    int keyPosition = reader.Position;
                    string key = reader.PeekType() switch
                    {
                        MsgPackType.Text => reader.ReadString(),
                        MsgPackType.Integral => reader.ReadInt64().ToString(System.Globalization.CultureInfo.InvariantCulture),
                        _ => throw reader.CreateError("map key must be a string or an integer"),
                    };
                    JsonNode? value = ReadNode(ref reader, depth + 1);
                    if (!obj.TryAdd(key, value))
                    {
                        throw reader.CreateError($"duplicate map key \"{key}\"", keyPosition);
                    }
                }

                return obj;
            default:
                throw reader.CreateError("msgpack extension values have no JSON form");
        }
    }

    private static int GetScalarLength(JsonValue value)
    {
        switch (value.GetValueKind())
        {
            case JsonValueKind.String:
                return MsgPackWriter.GetStringLength(StringOf(value));
            case JsonValueKind.True:
            case JsonValueKind.False:
                return MsgPackWriter.GetBooleanLength();
            case JsonValueKind.Number:
                var number = JsonNumber.From(value);
                return number.Kind switch
                {
                    JsonNumberKind.Signed => MsgPackWriter.GetInt64Length(number.Signed),
                    JsonNumberKind.Unsigned => MsgPackWriter.GetUInt64Length(number.Unsigned),
                    _ => MsgPackWriter.GetDoubleLength(),
                };
            default:
                return MsgPackWriter.GetNilLength();
        }
    }

    private static void WriteScalar(ref MsgPackWriter writer, JsonValue value)
    {
        switch (value.GetValueKind())
        {
            case JsonValueKind.String:
                writer.WriteString(StringOf(value));
                break;
            case JsonValueKind.True:
                writer.WriteBoolean(true);
                break;
            case JsonValueKind.False:
                writer.WriteBoolean(false);
                break;
            case JsonValueKind.Number:
                var number = JsonNumber.From(value);
                switch (number.Kind)
                {
                    case JsonNumberKind.Signed:
                        writer.WriteInt64(number.Signed);
                        break;
                    case JsonNumberKind.Unsigned:
                        writer.WriteUInt64(number.Unsigned);
                        break;
                    default:
                        writer.WriteDouble(number.Floating);
                        break;
                }

                break;
            default:
                writer.WriteNil();
                break;
        }
    }

    // A JsonValue built from a CLR value (char, Guid, DateTime...) reports JsonValueKind.String but cannot be read
    // back with GetValue<string>; its JSON text is the reliable form.
    private static string StringOf(JsonValue value) =>
        value.TryGetValue(out string? text) ? text : JsonNode.Parse(value.ToJsonString())!.GetValue<string>();
}
