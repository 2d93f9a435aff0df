// SPDX-License-Identifier: Apache-2.0

using Lineage.Wasm.Instructions;

namespace Lineage.Wasm.Compilation;

/// <summary>
/// What a body does, from one pass over its instructions before it is compiled, so the prologue paid on every
/// call holds only what is needed: functions that never touch memory skip loading it, and leaf functions (no
/// calls, no loops) skip the stack and interrupt checks — they run in bounded time and a bounded frame, which the
/// stack reserve covers, and their callers are checked.
/// </summary>
internal readonly record struct BodyFacts(bool UsesMemory, bool IsLeaf)
{
    public static BodyFacts Scan(ReadOnlySpan<byte> code, int origin)
    {
        bool usesMemory = false, callsOrLoops = false;
        var decoder = new InstructionDecoder(code, origin);
        while (!decoder.IsAtEnd && !(usesMemory && callsOrLoops))
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
        }

        return new BodyFacts(usesMemory, !callsOrLoops);
    }
}
