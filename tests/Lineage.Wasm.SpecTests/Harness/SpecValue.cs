// SPDX-License-Identifier: Apache-2.0

namespace Lineage.Wasm.SpecTests.Harness;

/// <summary>
/// A value crossing the harness boundary: the spec type name (i32, i64, f32, f64, v128, funcref, externref), its
/// bits (v128: low/high halves) and, for references, the referenced object (null = ref.null).
/// </summary>
public readonly record struct SpecValue(string Type, ulong Bits, ulong HighBits, object? Reference)
{
    /// <inheritdoc/>
    public override string ToString() => Type switch
    {
        "i32" or "f32" => $"{Type}:0x{(uint)Bits:X8}",
        "v128" => $"v128:0x{HighBits:X16}{Bits:X16}",
        "funcref" or "externref" => $"{Type}:{Reference ?? "null"}",
        _ => $"{Type}:0x{Bits:X16}",
    };
}
