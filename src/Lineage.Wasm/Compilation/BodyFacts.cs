// SPDX-License-Identifier: Apache-2.0

using Lineage.Wasm.Instructions;

namespace Lineage.Wasm.Compilation;

/// <summary>
/// What a body does, from one pass over its instructions before it is compiled, so the prologue paid on every
/// call holds only what is needed: functions that never touch memory skip loading it, and leaf functions (no
/// calls, no loops) skip the stack and interrupt checks — they run in bounded time and a bounded frame, which the
/// stack reserve covers, and their callers are checked.
/// </summary>
/// <param name="UsesMemory">The body has a memory instruction.</param>
/// <param name="IsLeaf">The body has no call and no loop.</param>
/// <param name="FuelCosts">
/// With fuel metering, the static costs: the function entry (key -1) is charged the instructions outside any loop,
/// each loop header (keyed by the loop's offset) the instructions of its body outside nested loops, once per
/// iteration. The figure depends only on the module, so metering is deterministic. Null without metering.
/// </param>
internal sealed record BodyFacts(bool UsesMemory, bool IsLeaf, Dictionary<int, long>? FuelCosts)
{
    public static BodyFacts Scan(ReadOnlySpan<byte> code, int origin, bool withFuelCosts)
    {
        bool usesMemory = false, callsOrLoops = false;
        Dictionary<int, long>? costs = null;
        Stack<int>? owners = null;
        Stack<bool>? blockIsLoop = null;
        if (withFuelCosts)
        {
            costs = new Dictionary<int, long> { [-1] = 0 };
            owners = new Stack<int>();
            owners.Push(-1);
            blockIsLoop = new Stack<bool>();
        }

        var decoder = new InstructionDecoder(code, origin);
        while (!decoder.IsAtEnd && (costs is not null || !(usesMemory && callsOrLoops)))
        {
            decoder.Read(out var instruction);
            switch (instruction.Info?.Immediates)
            {
                case ImmediateKind.MemArg or ImmediateKind.MemArgLane or ImmediateKind.MemoryIndex:
                    usesMemory = true;
                    break;
            }

            switch (instruction.Opcode)
            {
                case Opcode.MemoryInit or Opcode.MemoryCopy or Opcode.MemoryFill:
                    usesMemory = true;
                    break;
                case Opcode.Call or Opcode.CallIndirect or Opcode.Loop:
                    callsOrLoops = true;
                    break;
            }

            if (costs is not null)
            {
                CountFuel(instruction, costs, owners!, blockIsLoop!);
            }
        }

        return new BodyFacts(usesMemory, !callsOrLoops, costs);
    }

    private static void CountFuel(in Instruction instruction, Dictionary<int, long> costs, Stack<int> owners, Stack<bool> blockIsLoop)
    {
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
}
