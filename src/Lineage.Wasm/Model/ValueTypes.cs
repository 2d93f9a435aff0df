// SPDX-License-Identifier: Apache-2.0

namespace Lineage.Wasm.Model;

/// <summary>Helpers over <see cref="ValueType"/>.</summary>
public static class ValueTypes
{
    /// <summary>Whether <paramref name="type"/> is a defined value type byte of WebAssembly 2.0.</summary>
    public static bool IsDefined(ValueType type) => type is ValueType.I32 or ValueType.I64 or ValueType.F32
        or ValueType.F64 or ValueType.V128 or ValueType.FuncRef or ValueType.ExternRef;

    /// <summary>Whether <paramref name="type"/> is a reference type (funcref or externref).</summary>
    public static bool IsReference(ValueType type) => type is ValueType.FuncRef or ValueType.ExternRef;

    /// <summary>Whether <paramref name="type"/> is a numeric type (i32, i64, f32, f64).</summary>
    public static bool IsNumeric(ValueType type) => type is ValueType.I32 or ValueType.I64 or ValueType.F32 or ValueType.F64;

    /// <summary>The text-format name (<c>i32</c>, <c>funcref</c>, ...).</summary>
    public static string Name(ValueType type) => type switch
    {
        ValueType.I32 => "i32",
        ValueType.I64 => "i64",
        ValueType.F32 => "f32",
        ValueType.F64 => "f64",
        ValueType.V128 => "v128",
        ValueType.FuncRef => "funcref",
        ValueType.ExternRef => "externref",
        _ => "unknown",
    };
}
