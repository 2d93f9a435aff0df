// SPDX-License-Identifier: Apache-2.0

namespace Lineage.Core.Multiformats;

/// <summary>RFC 4648 base32, lower case, no padding (multibase 'b', the default text form of CIDv1).</summary>
public static class Base32
{
    /// <summary>Encodes bytes as lower-case unpadded base32.</summary>
    public static string Encode(ReadOnlySpan<byte> bytes) =>
        SimpleBase.Base32.Rfc4648.Encode(bytes, padding: false).ToLowerInvariant();

    /// <summary>Decodes unpadded base32 (either case); false on an invalid character or length.</summary>
    public static bool TryDecode(string text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out byte[]? bytes)
    {
        ArgumentNullException.ThrowIfNull(text);
        bytes = null;
        foreach (char c in text)
        {
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '2' && c <= '7')))
            {
                return false;
            }
        }

        // Lengths 1, 3 and 6 (mod 8) cannot come from whole bytes.
        int remainder = text.Length % 8;
        if (remainder is 1 or 3 or 6)
        {
            return false;
        }

        try
        {
            bytes = SimpleBase.Base32.Rfc4648.Decode(text.ToUpperInvariant());
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
