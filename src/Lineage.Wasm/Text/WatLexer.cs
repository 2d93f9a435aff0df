// SPDX-License-Identifier: Apache-2.0

namespace Lineage.Wasm.Text;

/// <summary>
/// Forward-only lexer over UTF-8 WebAssembly text (spec §6.2): parentheses, keywords, identifiers, strings and
/// reserved tokens, skipping white space, line comments (<c>;;</c>) and nested block comments (<c>(; ;)</c>).
/// Idchars and strings that touch without white space form one reserved token, which is never valid. Errors are
/// <see cref="WatFormatException"/>s with the byte offset, line and column.
/// </summary>
internal ref struct WatLexer
{
    private readonly ReadOnlySpan<byte> _source;
    private int _position;

    public WatLexer(ReadOnlySpan<byte> source)
    {
        _source = source;
        _position = 0;
    }

    /// <summary>Reads the next token; <see cref="WatTokenKind.End"/> at the end of the source.</summary>
    public WatToken Next()
    {
        SkipWhiteSpace();
        if (_position >= _source.Length)
        {
            return new WatToken(WatTokenKind.End, _source.Length, 0);
        }

        var start = _position;
        var c = _source[_position];
        if (c == (byte)'(')
        {
            _position++;
            return new WatToken(WatTokenKind.LeftParen, start, 1);
        }

        if (c == (byte)')')
        {
            _position++;
            return new WatToken(WatTokenKind.RightParen, start, 1);
        }

        if (!IsIdChar(c) && c != (byte)'"')
        {
            throw Error(start, c == (byte)';' ? "unexpected character ';'" : "unexpected character");
        }

        var pieces = 0;
        var isString = false;
        while (_position < _source.Length)
        {
            c = _source[_position];
            if (c == (byte)'"')
            {
                SkipString();
                isString = true;
            }
            else if (IsIdChar(c))
            {
                while (_position < _source.Length && IsIdChar(_source[_position]))
                {
                    _position++;
                }

                isString = false;
            }
            else
            {
                break;
            }

            pieces++;
        }

        var length = _position - start;
        if (pieces > 1)
        {
            return new WatToken(WatTokenKind.Reserved, start, length);
        }

        if (isString)
        {
            return new WatToken(WatTokenKind.String, start, length);
        }

        var first = _source[start];
        if (first == (byte)'$' && length > 1)
        {
            return new WatToken(WatTokenKind.Id, start, length);
        }

        return new WatToken(first is >= (byte)'a' and <= (byte)'z' ? WatTokenKind.Keyword : WatTokenKind.Reserved, start, length);
    }

    /// <summary>Whether <paramref name="c"/> may appear in keywords, identifiers and numbers.</summary>
    public static bool IsIdChar(byte c) => c switch
    {
        >= (byte)'0' and <= (byte)'9' => true,
        >= (byte)'A' and <= (byte)'Z' => true,
        >= (byte)'a' and <= (byte)'z' => true,
        (byte)'!' or (byte)'#' or (byte)'$' or (byte)'%' or (byte)'&' or (byte)'\'' or (byte)'*' or (byte)'+' or (byte)'-'
            or (byte)'.' or (byte)'/' or (byte)':' or (byte)'<' or (byte)'=' or (byte)'>' or (byte)'?' or (byte)'@'
            or (byte)'\\' or (byte)'^' or (byte)'_' or (byte)'`' or (byte)'|' or (byte)'~' => true,
        _ => false,
    };

    private void SkipString()
    {
        var start = _position;
        _position++;
        while (true)
        {
            if (_position >= _source.Length)
            {
                throw Error(start, "unclosed string");
            }

            var c = _source[_position];
            if (c == (byte)'"')
            {
                _position++;
                return;
            }

            if (c < 0x20 || c == 0x7F)
            {
                throw Error(_position, "illegal character in string");
            }

            // An escape: skip the backslash and the next byte, so an escaped quote does not end the string; the
            // escape itself is checked when the string is decoded.
            _position += c == (byte)'\\' ? 2 : 1;
        }
    }

    private void SkipWhiteSpace()
    {
        while (_position < _source.Length)
        {
            var c = _source[_position];
            if (c is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r')
            {
                _position++;
            }
            else if (c == (byte)';' && Peek(1) == (byte)';')
            {
                var newline = _source[_position..].IndexOf((byte)'\n');
                _position = newline < 0 ? _source.Length : _position + newline + 1;
            }
            else if (c == (byte)'(' && Peek(1) == (byte)';')
            {
                SkipBlockComment();
            }
            else
            {
                return;
            }
        }
    }

    private void SkipBlockComment()
    {
        var start = _position;
        var depth = 0;
        while (_position < _source.Length)
        {
            if (_source[_position] == (byte)'(' && Peek(1) == (byte)';')
            {
                depth++;
                _position += 2;
            }
            else if (_source[_position] == (byte)';' && Peek(1) == (byte)')')
            {
                depth--;
                _position += 2;
                if (depth == 0)
                {
                    return;
                }
            }
            else
            {
                _position++;
            }
        }

        throw Error(start, "unclosed comment");
    }

    private readonly int Peek(int ahead) => _position + ahead < _source.Length ? _source[_position + ahead] : -1;

    private readonly WatFormatException Error(int offset, string reason) => WatFormatException.At(_source, offset, reason);
}
