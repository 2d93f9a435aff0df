// SPDX-License-Identifier: Apache-2.0

namespace Lineage.Wasm.Model;

/// <summary>A table type: its reference element type and its limits.</summary>
/// <param name="ElementType">funcref or externref.</param>
/// <param name="Limits">Size limits in elements.</param>
public readonly record struct TableType(ValueType ElementType, Limits Limits);
