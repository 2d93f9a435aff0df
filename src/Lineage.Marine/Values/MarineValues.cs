// SPDX-License-Identifier: Apache-2.0

using System.Collections;
using Lineage.Marine.InterfaceTypes;

namespace Lineage.Marine.Values;

/// <summary>
/// The .NET representation of interface values and the checked conversion of caller values into it.
/// Lifted values are: <c>bool</c>; <c>sbyte short int long</c> for s8..s64 and <c>int long</c> for i32/i64;
/// <c>byte ushort uint ulong</c> for u8..u64; <c>float double</c>; <c>string</c>; <c>byte[]</c> for byte arrays
/// and arrays of u8; <c>object?[]</c> for other arrays; <see cref="MarineRecord"/> for records.
/// </summary>
public static class MarineValues
{
    /// <summary>
    /// Converts <paramref name="value"/> to the canonical representation of <paramref name="type"/>, accepting
    /// any numeric type whose value fits, any enumerable for arrays, and dictionaries or positional lists for
    /// records. <paramref name="path"/> names the value in errors.
    /// </summary>
    /// <exception cref="MarineValueException">The value does not fit the type.</exception>
    public static object Normalize(object? value, IType type, MarineInterface types, string path)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(types);
        if (value is null)
        {
            throw new MarineValueException($"{path}: null is not a {types.TypeName(type)}");
        }

        switch (type.Code)
        {
            case ITypeCode.Boolean:
                return value is bool b ? b : throw Mismatch(value, type, types, path);
            case ITypeCode.S8:
                return (sbyte)Integer(value, sbyte.MinValue, sbyte.MaxValue, type, types, path);
            case ITypeCode.S16:
                return (short)Integer(value, short.MinValue, short.MaxValue, type, types, path);
            case ITypeCode.S32 or ITypeCode.I32:
                return (int)Integer(value, int.MinValue, int.MaxValue, type, types, path);
            case ITypeCode.S64 or ITypeCode.I64:
                return (long)Integer(value, long.MinValue, long.MaxValue, type, types, path);
            case ITypeCode.U8:
                return (byte)Integer(value, 0, byte.MaxValue, type, types, path);
            case ITypeCode.U16:
                return (ushort)Integer(value, 0, ushort.MaxValue, type, types, path);
            case ITypeCode.U32:
                return (uint)Integer(value, 0, uint.MaxValue, type, types, path);
            case ITypeCode.U64:
                return (ulong)Integer(value, 0, ulong.MaxValue, type, types, path);
            case ITypeCode.F32:
                return value switch
                {
                    float f => f,
                    double d => (float)d,
                    _ when IsInteger(value) => (float)Integer(value, long.MinValue, ulong.MaxValue, type, types, path),
                    _ => throw Mismatch(value, type, types, path),
                };
            case ITypeCode.F64:
                return value switch
                {
                    double d => d,
                    float f => (double)f,
                    _ when IsInteger(value) => (double)Integer(value, long.MinValue, ulong.MaxValue, type, types, path),
                    _ => throw Mismatch(value, type, types, path),
                };
            case ITypeCode.Utf8String:
                return value as string ?? throw Mismatch(value, type, types, path);
            case ITypeCode.ByteArray:
                return Bytes(value, type, types, path);
            case ITypeCode.Array when type.Element!.Code == ITypeCode.U8:
                return Bytes(value, type, types, path);
            case ITypeCode.Array:
                if (value is string || value is not IEnumerable items)
                {
                    throw Mismatch(value, type, types, path);
                }

                var list = new List<object?>();
                int index = 0;
                foreach (object? item in items)
                {
                    list.Add(Normalize(item, type.Element!, types, $"{path}[{index++}]"));
                }

                return list.ToArray();
            case ITypeCode.Record:
                return Record(value, types.Record(type.RecordTypeId), types, path);
            default:
                throw new MarineValueException($"{path}: unsupported interface type {type}");
        }
    }

    private static MarineRecord Record(object value, RecordTypeDefinition record, MarineInterface types, string path)
    {
        var fields = new KeyValuePair<string, object?>[record.Fields.Count];
        switch (value)
        {
            case MarineRecord given:
                if (given.Count != record.Fields.Count)
                {
                    throw new MarineValueException($"{path}: record {given.Name} has {given.Count} fields, {record.Name} needs {record.Fields.Count}");
                }

                for (int i = 0; i < fields.Length; i++)
                {
                    NamedType field = record.Fields[i];
                    fields[i] = new(field.Name, Normalize(given[field.Name], field.Type, types, $"{path}.{field.Name}"));
                }

                break;
            case IReadOnlyDictionary<string, object?> map:
                for (int i = 0; i < fields.Length; i++)
                {
                    NamedType field = record.Fields[i];
                    if (!map.TryGetValue(field.Name, out object? fieldValue))
                    {
                        throw new MarineValueException($"{path}: record {record.Name} field '{field.Name}' is missing");
                    }

                    fields[i] = new(field.Name, Normalize(fieldValue, field.Type, types, $"{path}.{field.Name}"));
                }

                break;
            case IList positional when value is not string:
                if (positional.Count != fields.Length)
                {
                    throw new MarineValueException($"{path}: record {record.Name} needs {fields.Length} values, got {positional.Count}");
                }

                for (int i = 0; i < fields.Length; i++)
                {
                    NamedType field = record.Fields[i];
                    fields[i] = new(field.Name, Normalize(positional[i], field.Type, types, $"{path}.{field.Name}"));
                }

                break;
            default:
                throw new MarineValueException($"{path}: {value.GetType().Name} is not a {record.Name} record");
        }

        return new MarineRecord(record.Name, fields);
    }

    private static byte[] Bytes(object value, IType type, MarineInterface types, string path)
    {
        switch (value)
        {
            case byte[] bytes:
                return bytes;
            case ReadOnlyMemory<byte> memory:
                return memory.ToArray();
            case string:
                throw Mismatch(value, type, types, path);
            case IEnumerable items:
                var list = new List<byte>();
                int index = 0;
                foreach (object? item in items)
                {
                    list.Add(item is null
                        ? throw new MarineValueException($"{path}[{index}]: null is not a u8")
                        : (byte)Integer(item, 0, byte.MaxValue, IType.U8, types, $"{path}[{index}]"));
                    index++;
                }

                return [.. list];
            default:
                throw Mismatch(value, type, types, path);
        }
    }

    private static bool IsInteger(object value) =>
        value is sbyte or byte or short or ushort or int or uint or long or ulong or Int128 or UInt128;

    /// <summary>The value as a 128-bit integer after checking it lies in [min, max].</summary>
    private static Int128 Integer(object value, Int128 min, Int128 max, IType type, MarineInterface types, string path)
    {
        Int128 n = value switch
        {
            sbyte v => v,
            byte v => v,
            short v => v,
            ushort v => v,
            int v => v,
            uint v => v,
            long v => v,
            ulong v => v,
            Int128 v => v,
            UInt128 v when v <= (UInt128)Int128.MaxValue => (Int128)v,
            double d when double.IsInteger(d) && Math.Abs(d) < 1.8e19 => (Int128)d,
            decimal m when decimal.IsInteger(m) && Math.Abs(m) < 1.8e19m => (Int128)m,
            _ => throw Mismatch(value, type, types, path),
        };
        if (n < min || n > max)
        {
            throw new MarineValueException($"{path}: {n} does not fit {types.TypeName(type)}");
        }

        return n;
    }

    private static MarineValueException Mismatch(object value, IType type, MarineInterface types, string path) =>
        new($"{path}: {value.GetType().Name} value is not a {types.TypeName(type)}");
}
