// SPDX-License-Identifier: Apache-2.0

namespace Lineage.Wasm.Text;

/// <summary>
/// The WebAssembly text is malformed: it is not a well-formed module in the text format. Carries the byte offset in
/// the UTF-8 source, its 1-based line and column, and the reason worded as in the specification's tests
/// ("unexpected token", "unknown operator", "constant out of range", ...).
/// </summary>
public sealed class WatFormatException : Exception
{
    /// <summary>Creates the exception for <paramref name="reason"/> at <paramref name="offset"/>.</summary>
    public WatFormatException(string reason, int offset, int line, int column)
        : base($"{reason} (at {line}:{column}, byte offset {offset})")
    {
        Reason = reason;
        Offset = offset;
        Line = line;
        Column = column;
    }

    /// <summary>Creates the exception without a position.</summary>
    public WatFormatException()
        : this("malformed text", 0, 1, 1)
    {
    }

    /// <summary>Creates the exception without a position.</summary>
    public WatFormatException(string message)
        : this(message, 0, 1, 1)
    {
    }

    /// <summary>Creates the exception without a position.</summary>
    public WatFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
        Reason = message;
        Line = 1;
        Column = 1;
    }

    /// <summary>The reason, using the wording of the specification's tests where one exists.</summary>
    public string Reason { get; } = "malformed text";

    /// <summary>Byte offset of the offending token in the UTF-8 source.</summary>
    public int Offset { get; }

    /// <summary>1-based line of the offending token.</summary>
    public int Line { get; }

    /// <summary>1-based column (in bytes) of the offending token.</summary>
    public int Column { get; }

    /// <summary>Creates the exception for <paramref name="offset"/> in <paramref name="source"/>, computing line and column.</summary>
    internal static WatFormatException At(ReadOnlySpan<byte> source, int offset, string reason)
    {
        offset = Math.Clamp(offset, 0, source.Length);
        var before = source[..offset];
        var line = before.Count((byte)'\n') + 1;
        var column = offset - (before.LastIndexOf((byte)'\n') + 1) + 1;
        return new WatFormatException(reason, offset, line, column);
    }
}
