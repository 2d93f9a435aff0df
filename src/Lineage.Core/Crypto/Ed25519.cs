// SPDX-License-Identifier: Apache-2.0

using System.Security.Cryptography;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;

namespace Lineage.Core.Crypto;

/// <summary>Ed25519 (RFC 8032) over BouncyCastle: 32-byte seeds, 32-byte public keys, 64-byte signatures.</summary>
public static class Ed25519
{
    public const int SeedLength = 32;
    public const int PublicKeyLength = 32;
    public const int SignatureLength = 64;

    /// <summary>Creates a new random 32-byte private seed.</summary>
    public static byte[] GenerateSeed() => RandomNumberGenerator.GetBytes(SeedLength);

    /// <summary>Derives the public key of a 32-byte private seed.</summary>
    public static byte[] GetPublicKey(ReadOnlySpan<byte> seed)
    {
        EnsureLength(seed, SeedLength, "private key");
        return new Ed25519PrivateKeyParameters(seed.ToArray(), 0).GeneratePublicKey().GetEncoded();
    }

    /// <summary>Signs <paramref name="message"/> with the private seed.</summary>
    public static byte[] Sign(ReadOnlySpan<byte> seed, ReadOnlySpan<byte> message)
    {
        EnsureLength(seed, SeedLength, "private key");
        var signer = new Ed25519Signer();
        signer.Init(true, new Ed25519PrivateKeyParameters(seed.ToArray(), 0));
        byte[] data = message.ToArray();
        signer.BlockUpdate(data, 0, data.Length);
        return signer.GenerateSignature();
    }

    /// <summary>Verifies a signature. Wrong lengths are a failed verification, never an exception.</summary>
    public static bool Verify(ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature)
    {
        if (publicKey.Length != PublicKeyLength || signature.Length != SignatureLength)
        {
            return false;
        }

        var verifier = new Ed25519Signer();
        verifier.Init(false, new Ed25519PublicKeyParameters(publicKey.ToArray(), 0));
        byte[] data = message.ToArray();
        verifier.BlockUpdate(data, 0, data.Length);
        return verifier.VerifySignature(signature.ToArray());
    }

    private static void EnsureLength(ReadOnlySpan<byte> value, int expected, string what)
    {
        if (value.Length != expected)
        {
            throw new ArgumentException($"ed25519 {what} must be {expected} bytes, got {value.Length}");
        }
    }
}
