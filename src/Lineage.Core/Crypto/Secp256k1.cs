// SPDX-License-Identifier: Apache-2.0

using System.Security.Cryptography;
using ECPoint = Org.BouncyCastle.Math.EC.ECPoint;
using Org.BouncyCastle.Asn1.X9;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Math.EC;

namespace Lineage.Core.Crypto;

/// <summary>
/// secp256k1 ECDSA over BouncyCastle: deterministic (RFC 6979) low-S signing, verification and public-key
/// recovery, which BouncyCastle does not provide and Ethereum signatures need.
/// </summary>
public static class Secp256k1
{
    public const int PrivateKeyLength = 32;
    public const int CompressedPublicKeyLength = 33;
    public const int UncompressedPublicKeyLength = 65;

    // CustomNamedCurves gives BouncyCastle's specialised secp256k1 (fixed-width field arithmetic and the GLV
    // endomorphism), several times faster than the generic BigInteger curve of SecNamedCurves.
    private static readonly X9ECParameters s_curve = Org.BouncyCastle.Crypto.EC.CustomNamedCurves.GetByName("secp256k1");
    private static readonly ECDomainParameters s_domain = new(s_curve.Curve, s_curve.G, s_curve.N, s_curve.H);
    private static readonly BigInteger s_halfN = s_curve.N.ShiftRight(1);

    /// <summary>Creates a random valid private key.</summary>
    public static byte[] GeneratePrivateKey()
    {
        while (true)
        {
            byte[] candidate = RandomNumberGenerator.GetBytes(PrivateKeyLength);
            var d = new BigInteger(1, candidate);
            if (d.SignValue > 0 && d.CompareTo(s_curve.N) < 0)
            {
                return candidate;
            }
        }
    }

    /// <summary>Public key of a private key, SEC1-encoded (33 bytes compressed or 65 uncompressed).</summary>
    public static byte[] GetPublicKey(ReadOnlySpan<byte> privateKey, bool compressed)
    {
        BigInteger d = ToScalar(privateKey);
        return s_curve.G.Multiply(d).Normalize().GetEncoded(compressed);
    }

    /// <summary>Re-encodes a SEC1 public key (compressed or not); throws <see cref="FormatException"/> if invalid.</summary>
    public static byte[] NormalizePublicKey(ReadOnlySpan<byte> publicKey, bool compressed) =>
        DecodePoint(publicKey).GetEncoded(compressed);

    /// <summary>
    /// Signs a 32-byte hash. Returns r ‖ s (64 bytes, low-S) and the recovery id (0 or 1 in practice).
    /// </summary>
    public static (byte[] Signature, int RecoveryId) SignHash(ReadOnlySpan<byte> privateKey, ReadOnlySpan<byte> hash32)
    {
        if (hash32.Length != 32)
        {
            throw new ArgumentException($"secp256k1 signs a 32-byte hash, got {hash32.Length} bytes");
        }

        BigInteger d = ToScalar(privateKey);
        var signer = new ECDsaSigner(new HMacDsaKCalculator(new Sha256Digest()));
        signer.Init(true, new ECPrivateKeyParameters(d, s_domain));
        byte[] hash = hash32.ToArray();
        BigInteger[] rs = signer.GenerateSignature(hash);
        BigInteger r = rs[0];
        BigInteger s = rs[1];
        if (s.CompareTo(s_halfN) > 0)
        {
            s = s_curve.N.Subtract(s);
        }

        ECPoint expected = s_curve.G.Multiply(d).Normalize();
        for (int recId = 0; recId < 4; recId++)
        {
            ECPoint? candidate = Recover(r, s, hash, recId);
            if (candidate is not null && candidate.Equals(expected))
            {
                byte[] signature = new byte[64];
                WriteScalar(r, signature.AsSpan(0, 32));
                WriteScalar(s, signature.AsSpan(32, 32));
                return (signature, recId);
            }
        }

        throw new CryptographicException("could not find the recovery id of a fresh signature");
    }

    /// <summary>Verifies an r ‖ s signature over a 32-byte hash. Malformed input is a failed verification.</summary>
    public static bool VerifyHash(ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> hash32, ReadOnlySpan<byte> signature64)
    {
        if (signature64.Length != 64 || hash32.Length != 32)
        {
            return false;
        }

        ECPoint q;
        try
        {
            q = DecodePoint(publicKey);
        }
        catch (FormatException)
        {
            return false;
        }

        var verifier = new ECDsaSigner();
        verifier.Init(false, new ECPublicKeyParameters(q, s_domain));
        return verifier.VerifySignature(
            hash32.ToArray(),
            new BigInteger(1, signature64[..32].ToArray()),
            new BigInteger(1, signature64[32..].ToArray()));
    }

    /// <summary>
    /// Recovers the uncompressed (65-byte) public key that produced <paramref name="signature64"/> over
    /// <paramref name="hash32"/>; null when no key matches (invalid r, s or recovery id).
    /// </summary>
    public static byte[]? RecoverPublicKey(ReadOnlySpan<byte> hash32, ReadOnlySpan<byte> signature64, int recoveryId)
    {
        if (hash32.Length != 32 || signature64.Length != 64 || recoveryId is < 0 or > 3)
        {
            return null;
        }

        var r = new BigInteger(1, signature64[..32].ToArray());
        var s = new BigInteger(1, signature64[32..].ToArray());
        if (r.SignValue == 0 || s.SignValue == 0 || r.CompareTo(s_curve.N) >= 0 || s.CompareTo(s_curve.N) >= 0)
        {
            return null;
        }

        return Recover(r, s, hash32.ToArray(), recoveryId)?.GetEncoded(false);
    }

    // Q = r⁻¹·(s·R − e·G), where R is the curve point with x = r + (recId / 2)·n and y parity recId & 1.
    private static ECPoint? Recover(BigInteger r, BigInteger s, byte[] hash, int recId)
    {
        BigInteger x = r.Add(s_curve.N.Multiply(BigInteger.ValueOf(recId / 2)));
        if (x.CompareTo(s_curve.Curve.Field.Characteristic) >= 0)
        {
            return null;
        }

        byte[] encoded = new byte[33];
        encoded[0] = (byte)(0x02 + (recId & 1));
        WriteScalar(x, encoded.AsSpan(1, 32));
        // secp256k1 has cofactor 1, so every decoded curve point already has order n: the n·R = ∞ check that
        // general recovery needs would be a wasted scalar multiplication (about half the cost of a recovery).
        ECPoint bigR;
        try
        {
            bigR = s_curve.Curve.DecodePoint(encoded);
        }
        catch (ArgumentException)
        {
            return null;
        }

        var e = new BigInteger(1, hash);
        BigInteger rInv = r.ModInverse(s_curve.N);
        BigInteger eInvR = s_curve.N.Subtract(e).Multiply(rInv).Mod(s_curve.N);
        BigInteger sInvR = rInv.Multiply(s).Mod(s_curve.N);
        ECPoint q = ECAlgorithms.SumOfTwoMultiplies(s_curve.G, eInvR, bigR, sInvR).Normalize();
        return q.IsInfinity ? null : q;
    }

    private static ECPoint DecodePoint(ReadOnlySpan<byte> publicKey)
    {
        if (publicKey.Length != CompressedPublicKeyLength && publicKey.Length != UncompressedPublicKeyLength)
        {
            throw new FormatException($"secp256k1 public key must be 33 or 65 bytes, got {publicKey.Length}");
        }

        try
        {
            return s_curve.Curve.DecodePoint(publicKey.ToArray()).Normalize();
        }
        catch (ArgumentException ex)
        {
            throw new FormatException($"invalid secp256k1 public key: {ex.Message}", ex);
        }
    }

    private static BigInteger ToScalar(ReadOnlySpan<byte> privateKey)
    {
        if (privateKey.Length != PrivateKeyLength)
        {
            throw new ArgumentException($"secp256k1 private key must be 32 bytes, got {privateKey.Length}");
        }

        var d = new BigInteger(1, privateKey.ToArray());
        if (d.SignValue == 0 || d.CompareTo(s_curve.N) >= 0)
        {
            throw new ArgumentException("secp256k1 private key is out of range");
        }

        return d;
    }

    private static void WriteScalar(BigInteger value, Span<byte> destination32)
    {
        byte[] bytes = value.ToByteArrayUnsigned();
        destination32.Clear();
        bytes.CopyTo(destination32[(32 - bytes.Length)..]);
    }
}
