// SPDX-License-Identifier: Apache-2.0

using System.Security.Cryptography;

namespace Lineage.Core.Multiformats;

/// <summary>Multihash: <c>varint(code) ‖ varint(length) ‖ digest</c>.</summary>
public static class Multihash
{
    /// <summary>The sha2-256 multihash of <paramref name="data"/> (34 bytes: 0x12 0x20 ‖ digest).</summary>
    public static byte[] Sha256(ReadOnlySpan<byte> data)
    {
        byte[] multihash = new byte[2 + SHA256.HashSizeInBytes];
        multihash[0] = (byte)Multicodec.Sha256;
        multihash[1] = SHA256.HashSizeInBytes;
        SHA256.HashData(data, multihash.AsSpan(2));
        return multihash;
    }

    /// <summary>Encodes a multihash from its code and digest.</summary>
    public static byte[] Create(ulong code, ReadOnlySpan<byte> digest)
    {
        int codeLength = VarInt.GetLength(code);
        int lengthLength = VarInt.GetLength((ulong)digest.Length);
        byte[] multihash = new byte[codeLength + lengthLength + digest.Length];
        VarInt.Write(code, multihash);
        VarInt.Write((ulong)digest.Length, multihash.AsSpan(codeLength));
        digest.CopyTo(multihash.AsSpan(codeLength + lengthLength));
        return multihash;
    }

    /// <summary>
    /// Reads a multihash at the start of <paramref name="source"/>. False (with a reason) when the varints are
    /// malformed or the digest is truncated.
    /// </summary>
    public static bool TryRead(ReadOnlySpan<byte> source, out ulong code, out ReadOnlySpan<byte> digest, out int bytesRead, out string? error)
    {
        digest = default;
        bytesRead = 0;
        code = 0;
        if (!VarInt.TryRead(source, out code, out int codeLength, out string? varIntError))
        {
            error = $"malformed multihash code varint at offset 0: {varIntError}";
            return false;
        }

        if (!VarInt.TryRead(source[codeLength..], out ulong length, out int lengthLength, out varIntError))
        {
            error = $"malformed multihash length varint at offset {codeLength}: {varIntError}";
            return false;
        }

        int header = codeLength + lengthLength;
        if (length > (ulong)(source.Length - header))
        {
            error = $"multihash digest truncated: {length} bytes declared at offset {codeLength}, {source.Length - header} available";
            return false;
        }

        digest = source.Slice(header, (int)length);
        bytesRead = header + (int)length;
        error = null;
        return true;
    }
}
