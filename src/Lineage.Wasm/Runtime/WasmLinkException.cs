// SPDX-License-Identifier: Apache-2.0

namespace Lineage.Wasm.Runtime;

/// <summary>
/// A module could not be linked: an import is missing or the provided external has the wrong kind or type.
/// </summary>
public sealed class WasmLinkException : Exception
{
    /// <summary>Creates a link error.</summary>
    public WasmLinkException()
        : base("unknown import")
    {
    }

    /// <summary>Creates a link error with a reason.</summary>
    public WasmLinkException(string message)
        : base(message)
    {
    }

    /// <summary>Creates a link error with a reason and a cause.</summary>
    public WasmLinkException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
