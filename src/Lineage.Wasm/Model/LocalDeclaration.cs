// SPDX-License-Identifier: Apache-2.0

namespace Lineage.Wasm.Model;

/// <summary>A run of <see cref="Count"/> locals of one type, as declared in a function body.</summary>
/// <param name="Count">How many locals.</param>
/// <param name="Type">Their type.</param>
public readonly record struct LocalDeclaration(uint Count, ValueType Type);
