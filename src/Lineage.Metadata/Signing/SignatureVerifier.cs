// SPDX-License-Identifier: Apache-2.0

using System.Globalization;
using System.Text;
using Lineage.Core.Crypto;
using Lineage.Core.Multiformats;

namespace Lineage.Metadata.Signing;

/// <summary>
/// Verifies a request signature over <c>data</c> (reference §7) without ever throwing on malformed input:
/// every failure is a reason string. secp256k1: EIP-191 personal_sign, signer recovered and compared
/// case-insensitively with the <c>0x</c> address; v ∈ {27, 28, 0, 1}. ed25519: base58 32-byte key, base58
/// 64-byte signature over the UTF-8 bytes of <c>data</c>.
/// </summary>
public static class SignatureVerifier
{
    /// <summary>The scheme of a public key: <c>0x</c> prefix → secp256k1, otherwise ed25519.</summary>
    public static KeyType GetKeyType(string? publicKey) => string.IsNullOrEmpty(publicKey)
        ? KeyType.None
        : publicKey.StartsWith("0x", StringComparison.Ordinal) ? KeyType.Secp256k1 : KeyType.Ed25519;

    /// <summary>Checks <paramref name="signature"/>; null when valid, otherwise why not.</summary>
    public static string? Verify(string? publicKey, string? signature, string? message)
    {
        message ??= string.Empty;
        return GetKeyType(publicKey) switch
        {
            KeyType.Secp256k1 => VerifyEip191(publicKey!, signature, message),
            KeyType.Ed25519 => VerifyEd25519(publicKey!, signature, message),
            _ => "missing public_key",
        };
    }

    /// <summary><c>keccak256("\u0019Ethereum Signed Message:\n" + len(message) + message)</c> over UTF-8.</summary>
    public static byte[] PersonalMessageDigest(string message)
    {
        byte[] body = Encoding.UTF8.GetBytes(message);
        byte[] prefix = Encoding.UTF8.GetBytes("\u0019Ethereum Signed Message:\n" + body.Length.ToString(CultureInfo.InvariantCulture));
        byte[] all = new byte[prefix.Length + body.Length];
        prefix.CopyTo(all, 0);
        body.CopyTo(all, prefix.Length);
        return Keccak256.Hash(all);
    }

    /// <summary>Recovers the lower-case <c>0x</c> address that signed <paramref name="message"/>, or gives the reason it cannot.</summary>
    public static bool TryRecoverAddress(string? signature, string message, out string address, out string? error)
    {
        address = string.Empty;
        if (string.IsNullOrEmpty(signature))
        {
            error = "missing signature";
            return false;
        }

        string hex = signature.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? signature[2..] : signature;
        if (hex.Length != 130)
        {
            error = $"secp256k1 signature must be 65 bytes (130 hex digits), got {hex.Length} hex digits";
            return false;
        }

        byte[] bytes = new byte[65];
        if (Convert.FromHexString(hex, bytes, out _, out _) != System.Buffers.OperationStatus.Done)
        {
            error = "secp256k1 signature is not valid hex";
            return false;
        }

        int recoveryId = bytes[64] switch
        {
            27 or 28 => bytes[64] - 27,
            0 or 1 => bytes[64],
            _ => -1,
        };
        if (recoveryId < 0)
        {
            error = $"invalid signature v = {bytes[64]} (expected 27, 28, 0 or 1)";
            return false;
        }

        byte[]? publicKey = Secp256k1.RecoverPublicKey(PersonalMessageDigest(message), bytes.AsSpan(0, 64), recoveryId);
        if (publicKey is null)
        {
            error = "no public key can be recovered from the signature";
            return false;
        }

        byte[] hash = Keccak256.Hash(publicKey.AsSpan(1));
        address = "0x" + Convert.ToHexStringLower(hash.AsSpan(12));
        error = null;
        return true;
    }

    private static string? VerifyEip191(string publicKey, string? signature, string message)
    {
        if (publicKey.Length != 42 || !IsHex(publicKey.AsSpan(2)))
        {
            return "secp256k1 public_key must be a 0x-prefixed 20-byte address";
        }

        if (!TryRecoverAddress(signature, message, out string recovered, out string? error))
        {
            return error;
        }

        return string.Equals(recovered, publicKey, StringComparison.OrdinalIgnoreCase)
            ? null
            : $"signature was made by {recovered}, not by {publicKey}";
    }

    private static string? VerifyEd25519(string publicKey, string? signature, string message)
    {
        if (!Base58.TryDecode(publicKey, out byte[]? key, out int badKey))
        {
            return $"ed25519 public_key is not base58 (offset {badKey})";
        }

        if (key.Length != Ed25519.PublicKeyLength)
        {
            return $"ed25519 public_key must be 32 bytes, got {key.Length}";
        }

        if (string.IsNullOrEmpty(signature))
        {
            return "missing signature";
        }

        if (!Base58.TryDecode(signature, out byte[]? sig, out int badSig))
        {
            return $"ed25519 signature is not base58 (offset {badSig})";
        }

        if (sig.Length != Ed25519.SignatureLength)
        {
            return $"ed25519 signature must be 64 bytes, got {sig.Length}";
        }

        try
        {
            return Ed25519.Verify(key, Encoding.UTF8.GetBytes(message), sig) ? null : "invalid ed25519 signature";
        }
        catch (ArgumentException)
        {
            return "invalid ed25519 public key";
        }
    }

    private static bool IsHex(ReadOnlySpan<char> text)
    {
        foreach (char c in text)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
