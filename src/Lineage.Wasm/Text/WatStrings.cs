// SPDX-License-Identifier: Apache-2.0

using System.Text;
using System.Text.Unicode;

namespace Lineage.Wasm.Text;

/// <summary>
/// Decodes string tokens (spec §6.3.3): the bytes between the quotes with the escapes <c>\t \n \r \" \' \\</c>,
/// <c>\hh</c> (one byte) and <c>\u{hex}</c> (a Unicode scalar value, written as UTF-8).
/// </summary>
internal static class WatStrings
{
    /// <summary>Decodes the string token <paramref name="token"/> (quotes included) of <paramref name="source"/>.</summary>
    public static byte[] Decode(ReadOnlySpan<byte> source, WatToken token)
    {
        var text = source.Slice(token.Start + 1, token.Length - 2);
        if (text.IndexOf((byte)'\\') < 0)
        {
            return text.ToArray();
        }

        var bytes = new List<byte>(text.Length);
        Span<byte> utf8 = stackalloc byte[4];
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c != (byte)'\\')
            {
                bytes.Add(c);
                continue;
            }

            var escapeOffset = token.Start + 1 + i;
            if (i + 1 >= text.Length)
            {
                throw WatFormatException.At(source, escapeOffset, "malformed escape");
            }

            var e = text[++i];
            switch (e)
            {
                case (byte)'t':
                    bytes.Add((byte)'\t');
                    break;
                case (byte)'n':
                    bytes.Add((byte)'\n');
                    break;
                case (byte)'r':
                    bytes.Add((byte)'\r');
                    break;
                case (byte)'"' or (byte)'\'' or (byte)'\\':
                    bytes.Add(e);
                    break;
                case (byte)'u':
                {
                    var close = i + 2 < text.Length && text[i + 1] == (byte)'{' ? text[(i + 2)..].IndexOf((byte)'}') : -1;
                    if (close < 0 || WatNumbers.ParseUnsigned([.. "0x"u8, .. text.Slice(i + 2, close)], 0x10FFFF, out var scalar) != WatNumbers.Result.Ok
                        || scalar is >= 0xD800 and < 0xE000)
                    {
                        throw WatFormatException.At(source, escapeOffset, "malformed escape");
                    }

                    var written = new Rune((int)scalar).EncodeToUtf8(utf8);
                    for (var k = 0; k < written; k++)
                    {
                        bytes.Add(utf8[k]);
                    }

                    i += 2 + close;
                    break;
                }

                default:
                    if (i + 1 < text.Length && HexDigit(e) >= 0 && HexDigit(text[i + 1]) >= 0)
                    {
                        bytes.Add((byte)((HexDigit(e) << 4) | HexDigit(text[i + 1])));
                        i++;
                        break;
                    }

                    throw WatFormatException.At(source, escapeOffset, "malformed escape");
            }
        }

        return [.. bytes];
    }

    /// <summary>Decodes a string that must be a name: valid UTF-8.</summary>
    public static string DecodeName(ReadOnlySpan<byte> source, WatToken token)
    {
        var bytes = Decode(source, token);
        if (!Utf8.IsValid(bytes))
        {
            throw WatFormatException.At(source, token.Start, "malformed UTF-8 encoding");
        }

        return Encoding.UTF8.GetString(bytes);
    }

    private static int HexDigit(byte c) => c switch
    {
        >= (byte)'0' and <= (byte)'9' => c - '0',
        >= (byte)'a' and <= (byte)'f' => c - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => c - 'A' + 10,
        _ => -1,
    };
}
