// SPDX-License-Identifier: Apache-2.0

using Lineage.Wasm.Instructions;

namespace Lineage.Wasm.Compilation;

/// <summary>
/// Whether a body touches linear memory. Functions that do not (recursive arithmetic, dispatchers, glue) skip
/// loading the memory and its length in their prologue, which is paid on every call.
/// </summary>
internal static class MemoryUse
{
    public static bool Any(ReadOnlySpan<byte> code, int origin)
    {
        var decoder = new InstructionDecoder(code, origin);
        while (!decoder.IsAtEnd)
        {
            decoder.Read(out var instruction);
            switch (instruction.Info?.Immediates)
            {
                case ImmediateKind.MemArg or ImmediateKind.MemArgLane or ImmediateKind.MemoryIndex:
                    return true;
            }

            if (instruction.Opcode is Opcode.MemoryInit or Opcode.MemoryCopy or Opcode.MemoryFill)
            {
                return true;
            }
        }

        return false;
    }
}
