// SPDX-License-Identifier: Apache-2.0

using System.Numerics;
using System.Security.Cryptography;

namespace Lineage.P2p.Kademlia;

/// <summary>Kademlia distance: XOR of the SHA-256 of both keys (peer ids hashed as multihash bytes).</summary>
public static class KadDistance
{
    /// <summary>The 256-bit position of a key in the keyspace.</summary>
    public static byte[] Position(ReadOnlySpan<byte> key) => SHA256.HashData(key);

    /// <summary>XOR distance as a non-negative integer.</summary>
    public static BigInteger Between(ReadOnlySpan<byte> positionA, ReadOnlySpan<byte> positionB)
    {
        Span<byte> xor = stackalloc byte[32];
        for (int i = 0; i < 32; i++)
        {
            xor[i] = (byte)(positionA[i] ^ positionB[i]);
        }

        return new BigInteger(xor, isUnsigned: true, isBigEndian: true);
    }

    /// <summary>Number of leading bits the two positions share (0..256), i.e. the bucket index.</summary>
    public static int CommonPrefixLength(ReadOnlySpan<byte> positionA, ReadOnlySpan<byte> positionB)
    {
        for (int i = 0; i < 32; i++)
        {
            int x = positionA[i] ^ positionB[i];
            if (x != 0)
            {
                return (i * 8) + BitOperations.LeadingZeroCount((uint)x) - 24;
            }
        }

        return 256;
    }
}
