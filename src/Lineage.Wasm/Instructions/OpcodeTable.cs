// SPDX-License-Identifier: Apache-2.0

using ValueType = Lineage.Wasm.Model.ValueType;

namespace Lineage.Wasm.Instructions;

/// <summary>Lookup of <see cref="OpcodeInfo"/> by opcode or by (prefix, sub-opcode).</summary>
public static partial class OpcodeTable
{
    private static readonly OpcodeInfo?[] s_single = new OpcodeInfo?[256];
    private static readonly OpcodeInfo?[] s_prefixFC = new OpcodeInfo?[256];
    private static readonly OpcodeInfo?[] s_prefixFD = new OpcodeInfo?[256];

#pragma warning disable CA1810 // the three lookup arrays are filled together from one list
    static OpcodeTable()
    {
        foreach (var info in CreateEntries())
        {
            var value = (ushort)info.Opcode;
            var table = (value >> 8) switch
            {
                0 => s_single,
                0xFC => s_prefixFC,
                0xFD => s_prefixFD,
                _ => throw new InvalidOperationException($"unexpected opcode prefix in {info.Name}"),
            };
            table[value & 0xFF] = info;
        }
    }
#pragma warning restore CA1810

    private static OpcodeInfo[] CreateEntries()
    {
        const int EntrySize = 9;
        var names = EntryNames.Split(' ');
        var data = EntryData;
        var entries = new OpcodeInfo[names.Length];
        for (var i = 0; i < entries.Length; i++)
        {
            var entry = data.Slice(i * EntrySize, EntrySize);
            var opcode = (Opcode)((entry[0] << 8) | entry[1]);
            var signature = default(OperandSignature);
            if (entry[4] != 0xFF)
            {
                ReadOnlySpan<ValueType> pops = [(ValueType)entry[5], (ValueType)entry[6], (ValueType)entry[7]];
                signature = new OperandSignature(pops[..entry[4]], (ValueType)entry[8]);
            }

            entries[i] = new OpcodeInfo(opcode, names[i], (ImmediateKind)entry[2], entry[3], signature);
        }

        return entries;
    }

    /// <summary>The entry for a single-byte opcode, or null when the byte is not an opcode (or is a prefix).</summary>
    public static OpcodeInfo? GetSingleByte(byte code) => s_single[code];

    /// <summary>The entry for prefix 0xFC or 0xFD and a sub-opcode, or null when undefined.</summary>
    public static OpcodeInfo? GetPrefixed(byte prefix, uint subOpcode)
    {
        if (subOpcode > 0xFF)
        {
            return null;
        }

        return prefix switch
        {
            0xFC => s_prefixFC[subOpcode],
            0xFD => s_prefixFD[subOpcode],
            _ => null,
        };
    }

    /// <summary>The entry for <paramref name="opcode"/>.</summary>
    public static OpcodeInfo Get(Opcode opcode)
    {
        var value = (ushort)opcode;
        var info = (value >> 8) switch
        {
            0 => s_single[value],
            0xFC => s_prefixFC[value & 0xFF],
            0xFD => s_prefixFD[value & 0xFF],
            _ => null,
        };
        return info ?? throw new ArgumentOutOfRangeException(nameof(opcode));
    }
}
