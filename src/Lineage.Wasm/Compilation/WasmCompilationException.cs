// SPDX-License-Identifier: Apache-2.0

namespace Lineage.Wasm.Compilation;

/// <summary>
/// The IL compiler could not translate a function: the emitted IL failed its type check. This is a compiler bug
/// (or unvalidated input); it names the WebAssembly function and the byte offset of the instruction.
/// </summary>
public sealed class WasmCompilationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public WasmCompilationException(int functionIndex, int offset, string reason)
        : base($"cannot compile function {functionIndex} at offset 0x{offset:X}: {reason}")
    {
        FunctionIndex = functionIndex;
        Offset = offset;
    }

    /// <summary>Creates the exception.</summary>
    public WasmCompilationException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public WasmCompilationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public WasmCompilationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The function index in the module's function index space.</summary>
    public int FunctionIndex { get; }

    /// <summary>The module byte offset of the failing instruction.</summary>
    public int Offset { get; }
}
