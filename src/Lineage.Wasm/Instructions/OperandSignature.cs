// SPDX-License-Identifier: Apache-2.0

using Lineage.Wasm.Model;
using ValueType = Lineage.Wasm.Model.ValueType;

namespace Lineage.Wasm.Instructions;

/// <summary>
/// The fixed operand typing of a simple instruction: up to three popped types (in push order) and at most one
/// pushed type. Instructions whose typing depends on context (control, variables, calls, ...) have none.
/// </summary>
public readonly struct OperandSignature
{
    /// <summary>Creates a signature popping <paramref name="pops"/> and pushing <paramref name="push"/> (default = nothing).</summary>
    public OperandSignature(ReadOnlySpan<ValueType> pops, ValueType push)
    {
        if (pops.Length > 3)
        {
            throw new ArgumentOutOfRangeException(nameof(pops));
        }

        PopCount = (byte)pops.Length;
        First = pops.Length > 0 ? pops[0] : default;
        Second = pops.Length > 1 ? pops[1] : default;
        Third = pops.Length > 2 ? pops[2] : default;
        Push = push;
        IsDefined = true;
    }

    /// <summary>Whether the instruction has a fixed signature.</summary>
    public bool IsDefined { get; }

    /// <summary>Number of operands popped (0–3).</summary>
    public byte PopCount { get; }

    /// <summary>The deepest popped operand.</summary>
    public ValueType First { get; }

    /// <summary>The second popped operand.</summary>
    public ValueType Second { get; }

    /// <summary>The third popped operand (top of stack when three are popped).</summary>
    public ValueType Third { get; }

    /// <summary>The pushed type, or <c>default</c> when nothing is pushed.</summary>
    public ValueType Push { get; }

    /// <summary>Whether something is pushed.</summary>
    public bool Pushes => Push != default;

    /// <summary>The popped operand at <paramref name="index"/> (0 = deepest).</summary>
    public ValueType Pop(int index) => index switch
    {
        0 => First,
        1 => Second,
        _ => Third,
    };

    /// <inheritdoc/>
    public override string ToString()
    {
        if (!IsDefined)
        {
            return "special";
        }

        var pops = new string[PopCount];
        for (var i = 0; i < pops.Length; i++)
        {
            pops[i] = ValueTypes.Name(Pop(i));
        }

        return $"[{string.Join(' ', pops)}] -> [{(Pushes ? ValueTypes.Name(Push) : "")}]";
    }
}
