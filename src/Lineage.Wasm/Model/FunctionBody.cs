// SPDX-License-Identifier: Apache-2.0

using System.Collections.Immutable;

namespace Lineage.Wasm.Model;

/// <summary>
/// A function body from the code section: its declared locals and the location of its instructions in the module
/// bytes. Instructions are decoded lazily (by the validator and the compiler) with
/// <see cref="Instructions.InstructionDecoder"/>.
/// </summary>
public sealed class FunctionBody
{
    /// <summary>The local declarations (run-length encoded, as in the binary format).</summary>
    public required ImmutableArray<LocalDeclaration> Locals { get; init; }

    /// <summary>Total number of declared locals (parameters not included).</summary>
    public required uint LocalCount { get; init; }

    /// <summary>Byte offset in the module of the first instruction.</summary>
    public required int CodeOffset { get; init; }

    /// <summary>Length in bytes of the instructions, including the final <c>end</c>.</summary>
    public required int CodeLength { get; init; }

    /// <summary>Byte offset in the module of the body's size prefix (for diagnostics).</summary>
    public int BodyOffset { get; init; }

    /// <summary>The reason to report when the instructions end before the function's final <c>end</c>.</summary>
    internal string MissingEndReason { get; init; } = "unexpected end of section or function";

    /// <summary>The type of declared local <paramref name="index"/> (0 = first declared local, after the parameters).</summary>
    public ValueType GetLocalType(uint index)
    {
        foreach (var declaration in Locals)
        {
            if (index < declaration.Count)
            {
                return declaration.Type;
            }

            index -= declaration.Count;
        }

        throw new ArgumentOutOfRangeException(nameof(index));
    }
}
