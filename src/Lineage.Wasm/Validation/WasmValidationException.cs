// SPDX-License-Identifier: Apache-2.0

namespace Lineage.Wasm.Validation;

/// <summary>
/// The module is well-formed but invalid (fails the typing rules of the specification). Carries the function index
/// (when the error is inside a function body), the byte offset in the module and the reason, worded as in the
/// specification's test suite (e.g. "type mismatch", "unknown local").
/// </summary>
public sealed class WasmValidationException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="reason">The reason.</param>
    /// <param name="functionIndex">The function index (imports included), or null for module-level errors.</param>
    /// <param name="offset">Byte offset in the module.</param>
    public WasmValidationException(string reason, uint? functionIndex, long offset)
        : base(functionIndex is { } index
            ? $"{reason} (function {index}, at byte offset 0x{offset:X})"
            : $"{reason} (at byte offset 0x{offset:X})")
    {
        Reason = reason;
        FunctionIndex = functionIndex;
        Offset = offset;
    }

    /// <summary>Creates the exception without a location.</summary>
    public WasmValidationException()
        : this("invalid module", null, 0)
    {
    }

    /// <summary>Creates the exception without a location.</summary>
    public WasmValidationException(string message)
        : this(message, null, 0)
    {
    }

    /// <summary>Creates the exception without a location.</summary>
    public WasmValidationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Reason = message;
    }

    /// <summary>The reason, worded as in the specification's test suite.</summary>
    public string Reason { get; } = "invalid module";

    /// <summary>The function whose body is invalid (index in the function index space), or null.</summary>
    public uint? FunctionIndex { get; }

    /// <summary>Byte offset in the module.</summary>
    public long Offset { get; }
}
