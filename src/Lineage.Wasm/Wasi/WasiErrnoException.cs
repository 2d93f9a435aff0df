// SPDX-License-Identifier: Apache-2.0

namespace Lineage.Wasm.Wasi;

/// <summary>
/// Ends a WASI call early with an errno (a bad guest pointer, a missing right, a refused path). Never leaves the
/// WASI layer: the import wrapper turns it into the function's return value.
/// </summary>
internal sealed class WasiErrnoException : Exception
{
    public WasiErrnoException(WasiErrno errno)
        : base($"WASI errno {errno}")
    {
        Errno = errno;
    }

    public WasiErrnoException()
    {
    }

    public WasiErrnoException(string message)
        : base(message)
    {
    }

    public WasiErrnoException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public WasiErrno Errno { get; }
}
