// SPDX-License-Identifier: Apache-2.0

using System.Collections.Frozen;
using Lineage.Wasm.Instructions;

namespace Lineage.Wasm.Text;

/// <summary>The instruction mnemonics of the text format, from the opcode table (typed <c>select</c> is spelled <c>select</c>).</summary>
internal static class InstructionNames
{
    private static readonly FrozenDictionary<string, OpcodeInfo> s_byName = Build();

    public static OpcodeInfo? Find(string name) => s_byName.GetValueOrDefault(name);

    private static FrozenDictionary<string, OpcodeInfo> Build()
    {
        var entries = new Dictionary<string, OpcodeInfo>(StringComparer.Ordinal);
        for (var code = 0; code < 256; code++)
        {
            Add(entries, OpcodeTable.GetSingleByte((byte)code));
            Add(entries, OpcodeTable.GetPrefixed(0xFC, (uint)code));
            Add(entries, OpcodeTable.GetPrefixed(0xFD, (uint)code));
        }

        return entries.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static void Add(Dictionary<string, OpcodeInfo> entries, OpcodeInfo? info)
    {
        if (info is not null && info.Opcode != Opcode.SelectTyped)
        {
            entries.Add(info.Name, info);
        }
    }
}
