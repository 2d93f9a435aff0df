// SPDX-License-Identifier: Apache-2.0

using System.Diagnostics;
using Lineage.Wasm.Compilation;

namespace Lineage.Wasm.Runtime;

/// <summary>
/// WebAssembly execution trapped. Every trap of guest code is this one exception type; <see cref="Code"/> says why.
/// </summary>
public sealed class WasmTrapException : Exception
{
    private IReadOnlyList<int>? _wasmFrames;

    /// <summary>Creates a trap.</summary>
    public WasmTrapException(TrapCode code)
        : base(TrapCodes.Message(code))
    {
        Code = code;
    }

    /// <summary>Creates a trap with a cause (used for <see cref="TrapCode.HostError"/>).</summary>
    public WasmTrapException(TrapCode code, string message, Exception? innerException)
        : base(message, innerException)
    {
        Code = code;
    }

    /// <summary>Creates a host-error trap.</summary>
    public WasmTrapException()
        : this(TrapCode.HostError)
    {
    }

    /// <summary>Creates a host-error trap with a message.</summary>
    public WasmTrapException(string message)
        : this(TrapCode.HostError, message, null)
    {
    }

    /// <summary>Creates a host-error trap with a message and cause.</summary>
    public WasmTrapException(string message, Exception? innerException)
        : this(TrapCode.HostError, message, innerException)
    {
    }

    /// <summary>Why execution trapped.</summary>
    public TrapCode Code { get; }

    /// <summary>
    /// The WebAssembly function indices on the stack when the trap was thrown, innermost first. Computed on first
    /// access from the .NET stack trace, so throwing stays cheap.
    /// </summary>
    public IReadOnlyList<int> WasmFrames => _wasmFrames ??= ComputeFrames(this);

    private static int[] ComputeFrames(Exception exception)
    {
        var frames = new List<int>();
        var trace = new StackTrace(exception, false);
        foreach (var frame in trace.GetFrames())
        {
            var method = frame.GetMethod();
            if (method is not null && FunctionNames.TryParse(method.Name, out var index))
            {
                frames.Add(index);
            }
        }

        return [.. frames];
    }
}
