// SPDX-License-Identifier: Apache-2.0

using System.Collections.Immutable;
using Lineage.Wasm.Instructions;
using ValueType = Lineage.Wasm.Model.ValueType;

namespace Lineage.Wasm.Validation;

/// <summary>A control frame of the validation algorithm (specification appendix, "Validation Algorithm").</summary>
internal struct ControlFrame
{
    /// <summary>block, loop, if, else, or block for the function body itself.</summary>
    public Opcode Opcode;

    /// <summary>The block's parameter types.</summary>
    public ImmutableArray<ValueType> StartTypes;

    /// <summary>The block's result types.</summary>
    public ImmutableArray<ValueType> EndTypes;

    /// <summary>Operand stack height when the block was entered (after popping its parameters).</summary>
    public int Height;

    /// <summary>Whether the rest of the block is unreachable (the stack is polymorphic below this point).</summary>
    public bool Unreachable;

    /// <summary>The types a branch to this frame's label carries: loop → parameters, otherwise → results.</summary>
    public readonly ImmutableArray<ValueType> LabelTypes => Opcode == Opcode.Loop ? StartTypes : EndTypes;
}
