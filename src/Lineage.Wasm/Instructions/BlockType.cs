// SPDX-License-Identifier: Apache-2.0

using ValueType = Lineage.Wasm.Model.ValueType;

namespace Lineage.Wasm.Instructions;

/// <summary>
/// The type of a <c>block</c>, <c>loop</c> or <c>if</c>: empty (<c>[] → []</c>), a single result value type
/// (<c>[] → [t]</c>) or a type index (any <c>[t1*] → [t2*]</c>).
/// </summary>
public readonly record struct BlockType
{
    private readonly long _raw;

    /// <summary>Wraps the s33 read from the binary: -64 = empty, other negatives = value type, else a type index.</summary>
    public BlockType(long raw) => _raw = raw;

    /// <summary>Whether the block has no parameters and no results.</summary>
    public bool IsEmpty => _raw == -64;

    /// <summary>Whether the block type is a type index.</summary>
    public bool IsTypeIndex => _raw >= 0;

    /// <summary>Whether the block type is a single value type.</summary>
    public bool IsValueType => _raw < 0 && _raw != -64;

    /// <summary>The single result type (when <see cref="IsValueType"/>); the byte of the encoding.</summary>
    public ValueType ValueType => (ValueType)(byte)(_raw & 0x7F);

    /// <summary>The type index (when <see cref="IsTypeIndex"/>).</summary>
    public uint TypeIndex => (uint)_raw;

    /// <summary>The raw s33 value.</summary>
    public long Raw => _raw;
}
