// SPDX-License-Identifier: Apache-2.0

namespace Lineage.Core.Multiformats;

/// <summary>Base58 with the Bitcoin alphabet (multibase 'z'), as used by peer ids, Lineage keys and signatures.</summary>
public static class Base58
{
    /// <summary>Encodes bytes as base58btc text (no multibase prefix).</summary>
    public static string Encode(ReadOnlySpan<byte> bytes) => SimpleBase.Base58.Bitcoin.Encode(bytes);

    /// <summary>Decodes base58btc text, throwing <see cref="FormatException"/> naming the offending character.</summary>
    public static byte[] Decode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!TryDecode(text, out byte[]? bytes, out int badOffset))
        {
            throw new FormatException($"invalid base58 character '{text[badOffset]}' at offset {badOffset}");
        }

        return bytes;
    }

    /// <summary>Decodes base58btc text; on failure gives the offset of the first invalid character.</summary>
    public static bool TryDecode(string text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out byte[]? bytes, out int badOffset)
    {
        ArgumentNullException.ThrowIfNull(text);
        for (int i = 0; i < text.Length; i++)
        {
            if (SimpleBase.Base58.Bitcoin.Alphabet.Value.IndexOf(text[i], StringComparison.Ordinal) < 0)
            {
                bytes = null;
                badOffset = i;
                return false;
            }
        }

        bytes = SimpleBase.Base58.Bitcoin.Decode(text);
        badOffset = -1;
        return true;
    }
}
