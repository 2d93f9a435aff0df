// SPDX-License-Identifier: Apache-2.0

using Org.BouncyCastle.Crypto.Digests;

namespace Lineage.Core.Crypto;

/// <summary>Ethereum's keccak256 (the pre-standard SHA-3 padding; in-box SHA3_256 is a different function).</summary>
public static class Keccak256
{
    public const int HashLength = 32;

    public static byte[] Hash(ReadOnlySpan<byte> data)
    {
        var digest = new KeccakDigest(256);
        byte[] input = data.ToArray();
        digest.BlockUpdate(input, 0, input.Length);
        byte[] output = new byte[HashLength];
        digest.DoFinal(output, 0);
        return output;
    }
}
