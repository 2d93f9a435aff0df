// SPDX-License-Identifier: Apache-2.0

namespace Lineage.Cli.Wasm;

/// <summary><c>lineage wasm run</c> cannot run what it was given (no <c>_start</c>, unknown export, wrong arguments).</summary>
internal sealed class WasmRunException : Exception
{
    public WasmRunException(string message)
        : base(message)
    {
    }

    public WasmRunException()
    {
    }

    public WasmRunException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
