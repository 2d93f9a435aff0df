// SPDX-License-Identifier: Apache-2.0

using System.Reflection.Emit;
using ValueType = Lineage.Wasm.Model.ValueType;

namespace Lineage.Wasm.Compilation;

/// <summary>One entry of the control stack while a function is compiled (function body, block, loop or if).</summary>
internal sealed class ControlFrame
{
    public required ControlKind Kind { get; init; }

    /// <summary>Where branches to this frame go: the loop header, or the end of the block.</summary>
    public required Label Target { get; init; }

    /// <summary>For <c>if</c>: where the false branch starts (or the end when there is no <c>else</c>).</summary>
    public Label Else { get; init; }

    public required ValueType[] Parameters { get; init; }

    public required ValueType[] Results { get; init; }

    /// <summary>Operand stack height below the frame's parameters.</summary>
    public required int Height { get; init; }

    /// <summary>Whether some branch targets the end of this frame.</summary>
    public bool Branched { get; set; }

    /// <summary>Whether <c>else</c> was seen (for <c>if</c>).</summary>
    public bool HasElse { get; set; }

    /// <summary>The types a branch to this frame carries.</summary>
    public ValueType[] BranchTypes => Kind == ControlKind.Loop ? Parameters : Results;
}
