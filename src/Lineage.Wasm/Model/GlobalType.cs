// SPDX-License-Identifier: Apache-2.0

namespace Lineage.Wasm.Model;

/// <summary>A global's value type and mutability.</summary>
/// <param name="ValueType">The type of the value.</param>
/// <param name="Mutable">Whether <c>global.set</c> may change it.</param>
public readonly record struct GlobalType(ValueType ValueType, bool Mutable);
