// SPDX-License-Identifier: Apache-2.0

using System.Text;
using System.Text.Unicode;

namespace Lineage.Wasm.Text;

/// <summary>
/// Parses one text-format module into the binary format. The source is tokenized first (so fields can be scanned
/// twice), then a first pass binds the identifiers of every index space and collects the explicit types, and a
/// second pass parses each field and writes it to its section.
/// </summary>
internal sealed partial class TextModuleParser
{
    private readonly byte[] _source;
    private readonly WatToken[] _tokens;
    private int _pos;

    public TextModuleParser(byte[] source)
    {
        _source = source;
        if (!Utf8.IsValid(source))
        {
            var valid = 0;
            while (valid < source.Length && Rune.DecodeFromUtf8(source.AsSpan(valid), out _, out var consumed) == System.Buffers.OperationStatus.Done)
            {
                valid += consumed;
            }

            throw WatFormatException.At(source, valid, "malformed UTF-8 encoding");
        }

        var tokens = new List<WatToken>();
        var lexer = new WatLexer(source);
        WatToken token;
        do
        {
            token = lexer.Next();
            tokens.Add(token);
        }
        while (token.Kind != WatTokenKind.End);
        _tokens = [.. tokens];
    }

    private WatToken Current => _tokens[_pos];

    private WatToken PeekToken(int ahead) => _tokens[Math.Min(_pos + ahead, _tokens.Length - 1)];

    private ReadOnlySpan<byte> Text(WatToken token) => _source.AsSpan(token.Start, token.Length);

    private bool IsKeyword(WatToken token, ReadOnlySpan<byte> keyword) =>
        token.Kind == WatTokenKind.Keyword && Text(token).SequenceEqual(keyword);

    /// <summary>Whether the next tokens are <c>(</c> <paramref name="keyword"/>.</summary>
    private bool AtField(ReadOnlySpan<byte> keyword) =>
        Current.Kind == WatTokenKind.LeftParen && IsKeyword(PeekToken(1), keyword);

    private bool AtRightParen => Current.Kind == WatTokenKind.RightParen;

    private WatToken Advance()
    {
        var token = _tokens[_pos];
        if (token.Kind != WatTokenKind.End)
        {
            _pos++;
        }

        return token;
    }

    private void ExpectLeftParen()
    {
        if (Current.Kind != WatTokenKind.LeftParen)
        {
            throw Unexpected();
        }

        _pos++;
    }

    private void ExpectRightParen()
    {
        if (Current.Kind != WatTokenKind.RightParen)
        {
            throw Unexpected();
        }

        _pos++;
    }

    private void ExpectKeyword(ReadOnlySpan<byte> keyword)
    {
        if (!IsKeyword(Current, keyword))
        {
            throw Unexpected();
        }

        _pos++;
    }

    /// <summary>Consumes <c>( keyword</c> when present.</summary>
    private bool TryOpen(ReadOnlySpan<byte> keyword)
    {
        if (!AtField(keyword))
        {
            return false;
        }

        _pos += 2;
        return true;
    }

    private string? TryId()
    {
        if (Current.Kind != WatTokenKind.Id)
        {
            return null;
        }

        return Encoding.UTF8.GetString(Text(Advance()));
    }

    private byte[] ExpectString()
    {
        if (Current.Kind != WatTokenKind.String)
        {
            throw Unexpected();
        }

        return WatStrings.Decode(_source, Advance());
    }

    private string ExpectName()
    {
        if (Current.Kind != WatTokenKind.String)
        {
            throw Unexpected();
        }

        return WatStrings.DecodeName(_source, Advance());
    }

    /// <summary>Skips a balanced parenthesised group starting at the current <c>(</c>.</summary>
    private void SkipGroup()
    {
        var depth = 0;
        do
        {
            var token = Advance();
            switch (token.Kind)
            {
                case WatTokenKind.LeftParen:
                    depth++;
                    break;
                case WatTokenKind.RightParen:
                    depth--;
                    break;
                case WatTokenKind.End:
                    throw Error(token, "unexpected end of input");
            }
        }
        while (depth > 0);
    }

    /// <summary>
    /// The error for a token that cannot appear here. Idchars and strings run together (<c>0drop</c>, <c>$l"a"</c>) are
    /// reported as the spec's tests word it for such reserved tokens: "unknown operator".
    /// </summary>
    private WatFormatException Unexpected() => Current.Kind switch
    {
        WatTokenKind.End => Error(Current, "unexpected end of input"),
        WatTokenKind.Reserved when Text(Current)[1..].IndexOfAny("\"$"u8) >= 0 => Error(Current, "unknown operator"),
        _ => Error(Current, "unexpected token"),
    };

    private WatFormatException Error(WatToken token, string reason) => WatFormatException.At(_source, token.Start, reason);

    private WatFormatException Error(string reason) => Error(Current, reason);
}
