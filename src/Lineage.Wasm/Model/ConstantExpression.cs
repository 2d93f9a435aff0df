// SPDX-License-Identifier: Apache-2.0

namespace Lineage.Wasm.Model;

/// <summary>
/// A constant expression (global initialiser, segment offset, element expression). The common single-instruction
/// forms are decoded; <see cref="Offset"/>/<see cref="Length"/> locate the raw bytes (including the final
/// <c>end</c>) in the module so the validator can check any other form.
/// </summary>
public readonly record struct ConstantExpression
{
    /// <summary>Which instruction the expression is.</summary>
    public ConstantExpressionKind Kind { get; init; }

    /// <summary>The constant's bits (integers sign-extended to 64 bits as read; floats as their bit pattern).</summary>
    public ulong Bits { get; init; }

    /// <summary>The high 64 bits of a <c>v128.const</c>.</summary>
    public ulong HighBits { get; init; }

    /// <summary>The function index of <c>ref.func</c> or the global index of <c>global.get</c>.</summary>
    public uint Index { get; init; }

    /// <summary>The type of <c>ref.null</c>.</summary>
    public ValueType ReferenceType { get; init; }

    /// <summary>Byte offset of the expression's first instruction in the module.</summary>
    public int Offset { get; init; }

    /// <summary>Length in bytes, including the terminating <c>end</c>.</summary>
    public int Length { get; init; }
}
