// SPDX-License-Identifier: Apache-2.0

using System.Text;

namespace Lineage.Wasm.Text;

/// <summary>
/// The WebAssembly 2.0 text format (<c>.wat</c>): parses a module and encodes it in the binary format, so it can go
/// through <see cref="Model.WasmModule.Decode"/> and the validator like any <c>.wasm</c>. All abbreviations of the
/// specification are accepted (inline imports/exports/type uses, folded instructions, inline element and data
/// segments, ...), as are <c>(module binary …)</c> and <c>(module quote …)</c> and a module written as its fields
/// only. Malformed text throws <see cref="WatFormatException"/> with the byte offset, line, column and reason.
/// Validation (typing) is not done here.
/// </summary>
public static class WatParser
{
    /// <summary>Parses a module from text and returns its binary encoding.</summary>
    public static byte[] ParseModule(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return ParseModule(Encoding.UTF8.GetBytes(text));
    }

    /// <summary>Parses a module from UTF-8 text and returns its binary encoding.</summary>
    public static byte[] ParseModule(ReadOnlySpan<byte> utf8) => new TextModuleParser(utf8.ToArray()).ParseModule();
}
