// SPDX-License-Identifier: Apache-2.0

using System.Text.Json;
using System.Text.Json.Nodes;
using Lineage.Marine.InterfaceTypes;

namespace Lineage.Marine.Values;

/// <summary>
/// JSON in and out of Marine calls, as Marine's JSON call surface does it: arguments are a positional array, an
/// object by parameter name, or null when there are none; records are objects (or positional arrays); byte
/// arrays are arrays of numbers; results are converted back to one JSON value.
/// </summary>
public static class MarineJson
{
    /// <summary>Converts JSON call arguments into the canonical .NET argument values of <paramref name="function"/>.</summary>
    /// <exception cref="MarineValueException">The arguments do not match the signature.</exception>
    public static object?[] Arguments(JsonNode? arguments, MarineFunctionSignature function, MarineInterface types)
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(types);
        IReadOnlyList<NamedType> parameters = function.Arguments;
        var values = new object?[parameters.Count];
        switch (arguments)
        {
            case null when parameters.Count == 0:
                return values;
            case null:
                throw new MarineValueException($"{function.Name} takes {parameters.Count} arguments, got none");
            case JsonArray array:
                if (array.Count != parameters.Count)
                {
                    throw new MarineValueException($"{function.Name} takes {parameters.Count} arguments, got {array.Count}");
                }

                for (int i = 0; i < values.Length; i++)
                {
                    values[i] = FromJson(array[i], parameters[i].Type, types, parameters[i].Name);
                }

                return values;
            case JsonObject map:
                foreach (KeyValuePair<string, JsonNode?> pair in map)
                {
                    if (!parameters.Any(p => p.Name == pair.Key))
                    {
                        throw new MarineValueException($"{function.Name} has no argument '{pair.Key}'");
                    }
                }

                for (int i = 0; i < values.Length; i++)
                {
                    if (!map.TryGetPropertyValue(parameters[i].Name, out JsonNode? node))
                    {
                        throw new MarineValueException($"{function.Name}: argument '{parameters[i].Name}' is missing");
                    }

                    values[i] = FromJson(node, parameters[i].Type, types, parameters[i].Name);
                }

                return values;
            default:
                if (parameters.Count == 1)
                {
                    values[0] = FromJson(arguments, parameters[0].Type, types, parameters[0].Name);
                    return values;
                }

                throw new MarineValueException($"{function.Name}: arguments must be a JSON array or object");
        }
    }

    /// <summary>Converts one JSON value to the canonical .NET value of <paramref name="type"/>.</summary>
    public static object FromJson(JsonNode? node, IType type, MarineInterface types, string path)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(types);
        if (node is null)
        {
            throw new MarineValueException($"{path}: null is not a {types.TypeName(type)}");
        }

        switch (type.Code)
        {
            case ITypeCode.Boolean:
                return node.GetValueKind() is JsonValueKind.True or JsonValueKind.False
                    ? node.GetValue<bool>()
                    : throw Mismatch(node, type, types, path);
            case ITypeCode.S8 or ITypeCode.S16 or ITypeCode.S32 or ITypeCode.S64 or ITypeCode.I32 or ITypeCode.I64
                or ITypeCode.U8 or ITypeCode.U16 or ITypeCode.U32 or ITypeCode.U64:
                return MarineValues.Normalize(Number(node, type, types, path), type, types, path);
            case ITypeCode.F32 or ITypeCode.F64:
                if (node.GetValueKind() != JsonValueKind.Number)
                {
                    throw Mismatch(node, type, types, path);
                }

                double d = JsonSerializer.SerializeToElement(node).GetDouble();
                return type.Code == ITypeCode.F32 ? (object)(float)d : d;
            case ITypeCode.Utf8String:
                return node.GetValueKind() == JsonValueKind.String ? node.GetValue<string>() : throw Mismatch(node, type, types, path);
            case ITypeCode.ByteArray:
            case ITypeCode.Array:
                if (node is not JsonArray array)
                {
                    throw Mismatch(node, type, types, path);
                }

                IType element = type.Code == ITypeCode.ByteArray ? IType.U8 : type.Element!;
                if (element.Code == ITypeCode.U8)
                {
                    byte[] bytes = new byte[array.Count];
                    for (int i = 0; i < bytes.Length; i++)
                    {
                        bytes[i] = (byte)FromJson(array[i], IType.U8, types, $"{path}[{i}]");
                    }

                    return bytes;
                }

                object?[] items = new object?[array.Count];
                for (int i = 0; i < items.Length; i++)
                {
                    items[i] = FromJson(array[i], element, types, $"{path}[{i}]");
                }

                return items;
            case ITypeCode.Record:
                RecordTypeDefinition record = types.Record(type.RecordTypeId);
                var fields = new KeyValuePair<string, object?>[record.Fields.Count];
                if (node is JsonObject obj)
                {
                    for (int i = 0; i < fields.Length; i++)
                    {
                        NamedType field = record.Fields[i];
                        if (!obj.TryGetPropertyValue(field.Name, out JsonNode? value))
                        {
                            throw new MarineValueException($"{path}: record {record.Name} field '{field.Name}' is missing");
                        }

                        fields[i] = new(field.Name, FromJson(value, field.Type, types, $"{path}.{field.Name}"));
                    }
                }
                else if (node is JsonArray positional && positional.Count == fields.Length)
                {
                    for (int i = 0; i < fields.Length; i++)
                    {
                        NamedType field = record.Fields[i];
                        fields[i] = new(field.Name, FromJson(positional[i], field.Type, types, $"{path}.{field.Name}"));
                    }
                }
                else
                {
                    throw Mismatch(node, type, types, path);
                }

                return new MarineRecord(record.Name, fields);
            default:
                throw new MarineValueException($"{path}: unsupported interface type {type}");
        }
    }

    /// <summary>Converts a lifted value of <paramref name="type"/> to JSON (non-finite floats become null, as serde_json does).</summary>
    public static JsonNode? ToJson(object? value, IType type, MarineInterface types)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(types);
        object normalized = MarineValues.Normalize(value, type, types, "value");
        return normalized switch
        {
            bool b => JsonValue.Create(b),
            sbyte v => JsonValue.Create(v),
            short v => JsonValue.Create(v),
            int v => JsonValue.Create(v),
            long v => JsonValue.Create(v),
            byte v => JsonValue.Create(v),
            ushort v => JsonValue.Create(v),
            uint v => JsonValue.Create(v),
            ulong v => JsonValue.Create(v),
            float f => float.IsFinite(f) ? JsonValue.Create(f) : null,
            double d => double.IsFinite(d) ? JsonValue.Create(d) : null,
            string s => JsonValue.Create(s),
            byte[] bytes => new JsonArray([.. bytes.Select(x => (JsonNode?)JsonValue.Create(x))]),
            object?[] items => new JsonArray([.. items.Select(item => ToJson(item, type.Element!, types))]),
            MarineRecord record => RecordToJson(record, types.Record(type.RecordTypeId), types),
            _ => throw new MarineValueException($"cannot convert {normalized.GetType().Name} to JSON"),
        };
    }

    private static JsonObject RecordToJson(MarineRecord record, RecordTypeDefinition definition, MarineInterface types)
    {
        var obj = new JsonObject();
        for (int i = 0; i < definition.Fields.Count; i++)
        {
            NamedType field = definition.Fields[i];
            obj[field.Name] = ToJson(record[i].Value, field.Type, types);
        }

        return obj;
    }

    private static object Number(JsonNode node, IType type, MarineInterface types, string path)
    {
        if (node.GetValueKind() != JsonValueKind.Number)
        {
            throw Mismatch(node, type, types, path);
        }

        // Nodes built in code wrap CLR numbers, parsed ones wrap a JsonElement: read both through an element.
        JsonElement value = JsonSerializer.SerializeToElement(node);
        if (value.TryGetInt64(out long l))
        {
            return l;
        }

        if (value.TryGetUInt64(out ulong u))
        {
            return u;
        }

        if (value.TryGetDecimal(out decimal m) && decimal.IsInteger(m))
        {
            throw new MarineValueException($"{path}: {m} does not fit {types.TypeName(type)}");
        }

        throw new MarineValueException($"{path}: {node.ToJsonString()} is not an integer ({types.TypeName(type)})");
    }

    private static MarineValueException Mismatch(JsonNode node, IType type, MarineInterface types, string path) =>
        new($"{path}: JSON {node.GetValueKind().ToString().ToLowerInvariant()} {Truncate(node.ToJsonString())} is not a {types.TypeName(type)}");

    private static string Truncate(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
