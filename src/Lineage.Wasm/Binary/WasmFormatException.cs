// SPDX-License-Identifier: Apache-2.0

namespace Lineage.Wasm.Binary;

/// <summary>The module bytes are malformed (not a valid binary encoding). Carries the byte offset and the reason.</summary>
public sealed class WasmFormatException : Exception
{
    /// <summary>Creates the exception for <paramref name="reason"/> at <paramref name="offset"/>.</summary>
    public WasmFormatException(string reason, long offset)
        : base($"{reason} (at byte offset 0x{offset:X})")
    {
        Reason = reason;
        Offset = offset;
    }

    /// <summary>Creates the exception without an offset.</summary>
    public WasmFormatException()
        : this("malformed module", 0)
    {
    }

    /// <summary>Creates the exception without an offset.</summary>
    public WasmFormatException(string message)
        : this(message, 0)
    {
    }

    /// <summary>Creates the exception without an offset.</summary>
    public WasmFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
        Reason = message;
    }

    /// <summary>The reason, using the wording of the specification's tests where one exists (e.g. "unexpected end").</summary>
    public string Reason { get; } = "malformed module";

    /// <summary>Byte offset in the module where the problem was found.</summary>
    public long Offset { get; }
}
