// SPDX-License-Identifier: Apache-2.0

namespace Lineage.P2p.Identity;

/// <summary>RFC 4648 base32, lower case, no padding: multibase prefix 'b', as used by CIDv1 peer ids.</summary>
internal static class Base32Lower
{
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz234567";

    public static string Encode(ReadOnlySpan<byte> data)
    {
        var chars = new char[(data.Length * 8 + 4) / 5];
        int buffer = 0;
        int bits = 0;
        int index = 0;
        foreach (byte b in data)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                chars[index++] = Alphabet[(buffer >> (bits - 5)) & 31];
                bits -= 5;
            }
        }

        if (bits > 0)
        {
            chars[index++] = Alphabet[(buffer << (5 - bits)) & 31];
        }

        return new string(chars, 0, index);
    }

    public static bool TryDecode(ReadOnlySpan<char> text, out byte[] bytes)
    {
        var result = new byte[text.Length * 5 / 8];
        int buffer = 0;
        int bits = 0;
        int index = 0;
        foreach (char c in text)
        {
            int value = c switch
            {
                >= 'a' and <= 'z' => c - 'a',
                >= 'A' and <= 'Z' => c - 'A',
                >= '2' and <= '7' => c - '2' + 26,
                _ => -1,
            };
            if (value < 0)
            {
                bytes = [];
                return false;
            }

            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8)
            {
                result[index++] = (byte)(buffer >> (bits - 8));
                bits -= 8;
            }
        }

        bytes = result;
        return true;
    }
}
