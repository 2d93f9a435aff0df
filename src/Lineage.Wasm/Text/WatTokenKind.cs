// SPDX-License-Identifier: Apache-2.0

namespace Lineage.Wasm.Text;

/// <summary>Lexical classes of the text format (spec §6.2.2).</summary>
internal enum WatTokenKind : byte
{
    /// <summary><c>(</c></summary>
    LeftParen,

    /// <summary><c>)</c></summary>
    RightParen,

    /// <summary>An idchar run starting with a lower-case letter (<c>i32.add</c>, <c>offset=4</c>, <c>inf</c>, <c>nan:0x1</c>).</summary>
    Keyword,

    /// <summary><c>$</c> followed by idchars.</summary>
    Id,

    /// <summary>A quoted string (the token includes the quotes; escapes are decoded on use).</summary>
    String,

    /// <summary>
    /// Any other idchar run (numbers are reserved tokens lexically and are interpreted where a number is expected),
    /// or a run of idchars and strings that are not separated by white space (never valid).
    /// </summary>
    Reserved,

    /// <summary>End of the source.</summary>
    End,
}
