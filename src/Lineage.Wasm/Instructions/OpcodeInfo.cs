// SPDX-License-Identifier: Apache-2.0

namespace Lineage.Wasm.Instructions;

/// <summary>Static facts about one opcode: its text name, immediate shape and (for simple instructions) typing.</summary>
public sealed class OpcodeInfo
{
    /// <summary>Creates an entry.</summary>
    /// <param name="opcode">The opcode.</param>
    /// <param name="name">The text-format mnemonic.</param>
    /// <param name="immediates">The immediate shape.</param>
    /// <param name="parameter">For memory accesses: log2 of the natural alignment; for lane accesses: the lane count.</param>
    /// <param name="signature">Fixed typing, or <c>default</c> for context-dependent instructions.</param>
    public OpcodeInfo(Opcode opcode, string name, ImmediateKind immediates, int parameter, OperandSignature signature = default)
    {
        Opcode = opcode;
        Name = name;
        Immediates = immediates;
        Signature = signature;
        if (immediates is ImmediateKind.MemArg or ImmediateKind.MemArgLane)
        {
            NaturalAlignment = (byte)parameter;
            LaneCount = immediates == ImmediateKind.MemArgLane ? (byte)(16 >> parameter) : (byte)0;
        }
        else
        {
            LaneCount = (byte)parameter;
        }
    }

    /// <summary>The opcode.</summary>
    public Opcode Opcode { get; }

    /// <summary>The text-format mnemonic.</summary>
    public string Name { get; }

    /// <summary>The immediate shape.</summary>
    public ImmediateKind Immediates { get; }

    /// <summary>Fixed operand typing (undefined for context-dependent instructions).</summary>
    public OperandSignature Signature { get; }

    /// <summary>For memory accesses: log2 of the access size, the largest allowed alignment exponent.</summary>
    public byte NaturalAlignment { get; }

    /// <summary>For lane instructions: the number of lanes (lane immediates must be smaller).</summary>
    public byte LaneCount { get; }

    /// <inheritdoc/>
    public override string ToString() => Name;
}
