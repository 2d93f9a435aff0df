// SPDX-License-Identifier: Apache-2.0

namespace Lineage.Wasm.Wasi;

/// <summary>
/// The module called <c>proc_exit</c>. Thrown by the import, so the runtime delivers it as the inner exception of a
/// <see cref="Runtime.TrapCode.HostError"/> trap; <see cref="WasiContext.Start"/> and
/// <see cref="WasiContext.TryGetExitCode"/> turn it back into an exit code.
/// </summary>
public sealed class WasiExitException : Exception
{
    public WasiExitException(int exitCode)
        : base($"the module called proc_exit({exitCode})")
    {
        ExitCode = exitCode;
    }

    public WasiExitException()
    {
    }

    public WasiExitException(string message)
        : base(message)
    {
    }

    public WasiExitException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The exit code the module passed to <c>proc_exit</c>.</summary>
    public int ExitCode { get; }
}
