// SPDX-License-Identifier: Apache-2.0

namespace Lineage.Marine.InterfaceTypes;

/// <summary>
/// One adapter instruction. <see cref="Immediate"/> holds the index or constant of <c>arg.get</c>,
/// <c>call-core</c>, <c>record.*_memory</c> and <c>push.*</c>; <see cref="ValueType"/> the element type of
/// <c>array.*_memory</c>.
/// </summary>
public readonly record struct AdapterInstruction(AdapterOpcode Opcode, ulong Immediate = 0, IType? ValueType = null)
{
    /// <summary>Whether the opcode carries a LEB128 immediate.</summary>
    public static bool HasImmediate(AdapterOpcode opcode) => opcode is AdapterOpcode.ArgumentGet
        or AdapterOpcode.CallCore or AdapterOpcode.RecordLiftMemory or AdapterOpcode.RecordLowerMemory
        or AdapterOpcode.PushI32 or AdapterOpcode.PushI64;

    /// <summary>Whether the opcode carries an interface type immediate.</summary>
    public static bool HasTypeImmediate(AdapterOpcode opcode) =>
        opcode is AdapterOpcode.ArrayLiftMemory or AdapterOpcode.ArrayLowerMemory;
}
