// SPDX-License-Identifier: Apache-2.0

using ValueType = Lineage.Wasm.Model.ValueType;

namespace Lineage.Wasm.Instructions;

/// <summary>
/// One decoded instruction: its opcode, module offset and immediates. Which immediate properties are meaningful
/// depends on <see cref="OpcodeInfo.Immediates"/>. A value type, so decoding allocates nothing.
/// </summary>
public struct Instruction
{
    /// <summary>The opcode.</summary>
    public Opcode Opcode { readonly get; internal set; }

    /// <summary>Byte offset of the opcode in the module.</summary>
    public int Offset { readonly get; internal set; }

    /// <summary>
    /// The first index immediate: local, global, function, label, type (call_indirect), table, data or element
    /// index; memarg alignment exponent; br_table target count; typed-select type count.
    /// </summary>
    public uint Index { readonly get; internal set; }

    /// <summary>
    /// The second index immediate: call_indirect / table.init table index, table.copy source table, memarg offset,
    /// br_table default label.
    /// </summary>
    public uint SecondIndex { readonly get; internal set; }

    /// <summary>Constant bits (i32/i64 sign-extended, f32/f64 bit patterns) or the low half of a v128 / shuffle mask.</summary>
    public ulong Bits { readonly get; internal set; }

    /// <summary>High half of a v128 constant or shuffle mask.</summary>
    public ulong HighBits { readonly get; internal set; }

    /// <summary>Lane index immediate.</summary>
    public byte Lane { readonly get; internal set; }

    /// <summary>Block type of block/loop/if.</summary>
    public BlockType BlockType { readonly get; internal set; }

    /// <summary>Reference type of <c>ref.null</c>; the first type of a typed <c>select</c>.</summary>
    public ValueType ValueType { readonly get; internal set; }

    /// <summary>For br_table: module offset of the first target label (read them with <see cref="InstructionDecoder.GetBranchTable"/>).</summary>
    public int TargetsOffset { readonly get; internal set; }

    /// <summary>The static facts of <see cref="Opcode"/>.</summary>
    public OpcodeInfo? Info { readonly get; internal set; }

    /// <summary>Memarg alignment exponent.</summary>
    public readonly uint Alignment => Index;

    /// <summary>Memarg static offset.</summary>
    public readonly uint MemoryOffset => SecondIndex;

    /// <inheritdoc/>
    public override readonly string ToString() => $"{Info?.Name} @0x{Offset:X}";
}
