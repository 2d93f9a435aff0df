// SPDX-License-Identifier: Apache-2.0

using System.Runtime.Intrinsics;
using ValueType = Lineage.Wasm.Model.ValueType;

namespace Lineage.Wasm.Runtime;

/// <summary>The mapping between WebAssembly value types and the CLR types compiled code uses for them.</summary>
public static class WasmValueTypes
{
    /// <summary>The CLR type compiled code uses for <paramref name="type"/> (references are <see cref="object"/>).</summary>
    public static Type ClrType(ValueType type) => type switch
    {
        ValueType.I32 => typeof(int),
        ValueType.I64 => typeof(long),
        ValueType.F32 => typeof(float),
        ValueType.F64 => typeof(double),
        ValueType.V128 => typeof(Vector128<byte>),
        ValueType.FuncRef or ValueType.ExternRef => typeof(object),
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "not a value type"),
    };

    /// <summary>The WebAssembly type a CLR type stands for in typed host functions and typed calls, if any.</summary>
    public static ValueType? FromClrType(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (type == typeof(int) || type == typeof(uint))
        {
            return ValueType.I32;
        }

        if (type == typeof(long) || type == typeof(ulong))
        {
            return ValueType.I64;
        }

        if (type == typeof(float))
        {
            return ValueType.F32;
        }

        if (type == typeof(double))
        {
            return ValueType.F64;
        }

        if (type == typeof(Vector128<byte>))
        {
            return ValueType.V128;
        }

        if (type == typeof(WasmFunction))
        {
            return ValueType.FuncRef;
        }

        if (type == typeof(object))
        {
            return ValueType.ExternRef;
        }

        return null;
    }

    /// <summary>Whether a CLR type may stand for <paramref name="type"/> in a typed call.</summary>
    internal static bool Matches(Type clrType, ValueType type) =>
        FromClrType(clrType) == type || (type == ValueType.FuncRef && clrType == typeof(object));
}
