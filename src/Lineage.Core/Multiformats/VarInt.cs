// SPDX-License-Identifier: Apache-2.0

namespace Lineage.Core.Multiformats;

/// <summary>The multiformats unsigned varint (LEB128, minimally encoded, at most 9 bytes).</summary>
public static class VarInt
{
    /// <summary>Longest encoding the multiformats spec allows (63 bits of payload).</summary>
    public const int MaxLength = 9;

    /// <summary>Number of bytes <paramref name="value"/> takes when encoded.</summary>
    public static int GetLength(ulong value)
    {
        int length = 1;
        while (value >= 0x80)
        {
            value >>= 7;
            length++;
        }

        return length;
    }

    /// <summary>Writes <paramref name="value"/> and returns the number of bytes written.</summary>
    public static int Write(ulong value, Span<byte> destination)
    {
        int i = 0;
        while (value >= 0x80)
        {
            destination[i++] = (byte)(value | 0x80);
            value >>= 7;
        }

        destination[i++] = (byte)value;
        return i;
    }

    /// <summary>Encodes <paramref name="value"/> into a new array.</summary>
    public static byte[] Encode(ulong value)
    {
        byte[] bytes = new byte[GetLength(value)];
        Write(value, bytes);
        return bytes;
    }

    /// <summary>
    /// Reads a varint from the start of <paramref name="source"/>. Returns false when the input is truncated (a
    /// stream reader then waits for more bytes); throws <see cref="FormatException"/> for an over-long or
    /// non-minimal encoding, which more bytes cannot mend.
    /// </summary>
    public static bool TryRead(ReadOnlySpan<byte> source, out ulong value, out int bytesRead)
    {
        string? malformed = Decode(source, out value, out bytesRead);
        if (malformed is not null)
        {
            throw new FormatException(malformed);
        }

        return bytesRead > 0;
    }

    /// <summary>
    /// Reads a varint from the start of a complete buffer without throwing: false with a reason when it is
    /// truncated, over-long or not minimally encoded. For the Try-parsers of whole values (CIDs, multihashes).
    /// </summary>
    public static bool TryRead(ReadOnlySpan<byte> source, out ulong value, out int bytesRead, [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out string? error)
    {
        error = Decode(source, out value, out bytesRead);
        if (error is null && bytesRead == 0)
        {
            error = $"truncated varint at offset {source.Length}";
        }

        return error is null;
    }

    // Returns null when a varint was read (bytesRead > 0) or the input ended first (bytesRead == 0), else the
    // reason the encoding is malformed.
    private static string? Decode(ReadOnlySpan<byte> source, out ulong value, out int bytesRead)
    {
        value = 0;
        bytesRead = 0;
        int shift = 0;
        for (int i = 0; i < source.Length; i++)
        {
            if (i >= MaxLength)
            {
                value = 0;
                return $"varint longer than {MaxLength} bytes at offset {i}";
            }

            byte b = source[i];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                if (b == 0 && i > 0)
                {
                    value = 0;
                    return $"varint is not minimally encoded at offset {i}";
                }

                bytesRead = i + 1;
                return null;
            }

            shift += 7;
        }

        value = 0;
        return null;
    }

    /// <summary>Reads a varint, throwing <see cref="FormatException"/> if it is truncated or malformed.</summary>
    public static ulong Read(ReadOnlySpan<byte> source, out int bytesRead)
    {
        if (!TryRead(source, out ulong value, out bytesRead))
        {
            throw new FormatException($"truncated varint at offset {source.Length}");
        }

        return value;
    }
}
