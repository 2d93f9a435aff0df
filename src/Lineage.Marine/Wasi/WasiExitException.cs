// SPDX-License-Identifier: Apache-2.0

namespace Lineage.Marine.Wasi;

/// <summary>The module called <c>proc_exit</c>; the call ends with this exit code.</summary>
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

    public int ExitCode { get; }
}
