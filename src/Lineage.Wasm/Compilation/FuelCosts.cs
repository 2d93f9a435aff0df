// SPDX-License-Identifier: Apache-2.0

using Lineage.Wasm.Instructions;

namespace Lineage.Wasm.Compilation;

/// <summary>
/// Static fuel costs: the function entry (key -1) is charged the instructions outside any loop, each loop header
/// (keyed by the loop's offset) the instructions of its body outside nested loops, once per iteration. The figure
/// depends only on the module, so metering is deterministic.
/// </summary>
internal static class FuelCosts
{
    public static Dictionary<int, long> Compute(ReadOnlySpan<byte> code, int origin)
    {
        var costs = new Dictionary<int, long> { [-1] = 0 };
        var owners = new Stack<int>();
        var blockIsLoop = new Stack<bool>();
        owners.Push(-1);
        var decoder = new InstructionDecoder(code, origin);
        while (!decoder.IsAtEnd)
        {
            decoder.Read(out var instruction);
            costs[owners.Peek()]++;
            switch (instruction.Opcode)
            {
                case Opcode.Loop:
                    blockIsLoop.Push(true);
                    owners.Push(instruction.Offset);
                    costs[instruction.Offset] = 0;
                    break;
                case Opcode.Block:
                case Opcode.If:
                    blockIsLoop.Push(false);
                    break;
                case Opcode.End:
                    if (blockIsLoop.Count > 0 && blockIsLoop.Pop())
                    {
                        owners.Pop();
                    }

                    break;
            }
        }

        return costs;
    }
}
