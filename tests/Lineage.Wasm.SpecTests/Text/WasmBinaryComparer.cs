// SPDX-License-Identifier: Apache-2.0

using System.Globalization;
using System.Text;
using Lineage.Wasm.Binary;
using Lineage.Wasm.Instructions;

namespace Lineage.Wasm.SpecTests.Text;

/// <summary>
/// Semantic comparison of two module binaries for the text-parser differential test: every section must have the
/// same bytes, except that the data count section is ignored (wabt leaves it out when a module uses
/// <c>data.drop</c>/<c>memory.init</c> without data segments, which the binary format does not allow) and function
/// bodies are compared instruction by instruction after decoding (so a typed <c>select</c> with no types equals the
/// plain <c>select</c> that wabt writes for it).
/// </summary>
public static class WasmBinaryComparer
{
    /// <summary>Null when equivalent, otherwise the first difference.</summary>
    public static string? Difference(byte[] ours, byte[] theirs)
    {
        var a = Sections(ours);
        var b = Sections(theirs);
        a.Remove(12);
        b.Remove(12);
        if (!a.Keys.SequenceEqual(b.Keys))
        {
            return $"sections [{string.Join(' ', a.Keys)}] vs [{string.Join(' ', b.Keys)}]";
        }

        foreach (var (id, payload) in a)
        {
            if (payload.AsSpan().SequenceEqual(b[id]))
            {
                continue;
            }

            if (id != 10)
            {
                return $"section {id} differs";
            }

            var bodiesA = Bodies(payload);
            var bodiesB = Bodies(b[id]);
            if (bodiesA.Count != bodiesB.Count)
            {
                return "function count differs";
            }

            for (var i = 0; i < bodiesA.Count; i++)
            {
                if (Render(bodiesA[i]) != Render(bodiesB[i]))
                {
                    return string.Create(CultureInfo.InvariantCulture, $"function {i} differs: {Render(bodiesA[i])} vs {Render(bodiesB[i])}");
                }
            }
        }

        return null;
    }

    private static SortedDictionary<byte, byte[]> Sections(byte[] module)
    {
        var sections = new SortedDictionary<byte, byte[]>();
        var reader = new WasmReader(module);
        reader.Position = 8;
        while (!reader.IsAtEnd)
        {
            var id = reader.ReadByte();
            var size = (int)reader.ReadVarUInt32();
            sections[id] = module.AsSpan(reader.Position, size).ToArray();
            reader.Position += size;
        }

        return sections;
    }

    private static List<byte[]> Bodies(byte[] code)
    {
        var bodies = new List<byte[]>();
        var reader = new WasmReader(code);
        var count = reader.ReadVarUInt32();
        for (var i = 0; i < count; i++)
        {
            var size = (int)reader.ReadVarUInt32();
            bodies.Add(code.AsSpan(reader.Position, size).ToArray());
            reader.Position += size;
        }

        return bodies;
    }

    /// <summary>The locals and the decoded instructions of a body, as text.</summary>
    private static string Render(byte[] body)
    {
        var text = new StringBuilder();
        var reader = new WasmReader(body);
        var groups = reader.ReadVarUInt32();
        for (var i = 0; i < groups; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"{reader.ReadVarUInt32()}x{reader.ReadByte():X2} ");
        }

        var decoder = new InstructionDecoder(body.AsSpan(reader.Position), 0);
        while (!decoder.IsAtEnd)
        {
            decoder.Read(out var instruction);
            var opcode = instruction.Opcode == Opcode.SelectTyped && instruction.Index == 0 ? Opcode.Select : instruction.Opcode;
            text.Append(CultureInfo.InvariantCulture,
                $"{opcode}({instruction.Index},{instruction.SecondIndex},{instruction.Bits:X},{instruction.HighBits:X},{instruction.Lane},{instruction.BlockType.Raw},{instruction.ValueType}) ");
            if (instruction.Opcode == Opcode.BrTable)
            {
                var targets = decoder.GetBranchTable(instruction);
                while (targets.Remaining > 0)
                {
                    text.Append(CultureInfo.InvariantCulture, $"{targets.ReadNext()} ");
                }
            }
        }

        return text.ToString();
    }
}
