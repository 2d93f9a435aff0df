// SPDX-License-Identifier: Apache-2.0

using System.Collections.Immutable;

namespace Lineage.Wasm.Model;

/// <summary>
/// An element segment (any of the eight binary forms). Its items are either plain function indices
/// (<see cref="FunctionIndices"/>, forms 0–3) or constant expressions (<see cref="Expressions"/>, forms 4–7).
/// </summary>
public sealed class ElementSegment
{
    /// <summary>Active, passive or declarative.</summary>
    public required SegmentMode Mode { get; init; }

    /// <summary>For active segments: the table to initialise.</summary>
    public uint TableIndex { get; init; }

    /// <summary>For active segments: the offset expression.</summary>
    public ConstantExpression Offset { get; init; }

    /// <summary>The reference type of the items.</summary>
    public required ValueType ElementType { get; init; }

    /// <summary>The items as function indices, or empty when the segment uses expressions.</summary>
    public ImmutableArray<uint> FunctionIndices { get; init; } = [];

    /// <summary>The items as constant expressions, or empty when the segment uses function indices.</summary>
    public ImmutableArray<ConstantExpression> Expressions { get; init; } = [];

    /// <summary>Whether the items are expressions (forms 4–7).</summary>
    public bool UsesExpressions { get; init; }

    /// <summary>Number of items.</summary>
    public int Count => UsesExpressions ? Expressions.Length : FunctionIndices.Length;
}
