// SPDX-License-Identifier: Apache-2.0

namespace Lineage.Wasm.Model;

/// <summary>A WebAssembly value type; the numeric value is its byte in the binary format.</summary>
public enum ValueType : byte
{
    /// <summary>32-bit integer.</summary>
    I32 = 0x7F,

    /// <summary>64-bit integer.</summary>
    I64 = 0x7E,

    /// <summary>32-bit IEEE 754 float.</summary>
    F32 = 0x7D,

    /// <summary>64-bit IEEE 754 float.</summary>
    F64 = 0x7C,

    /// <summary>128-bit SIMD vector.</summary>
    V128 = 0x7B,

    /// <summary>Reference to a function.</summary>
    FuncRef = 0x70,

    /// <summary>Opaque host reference.</summary>
    ExternRef = 0x6F,
}
