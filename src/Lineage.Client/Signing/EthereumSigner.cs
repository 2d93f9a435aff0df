// SPDX-License-Identifier: Apache-2.0

using System.Globalization;
using System.Text;
using Lineage.Core.Crypto;

namespace Lineage.Client.Signing;

/// <summary>
/// secp256k1 signer producing EIP-191 <c>personal_sign</c> signatures (what <c>ethers</c>' <c>signMessage</c> and
/// wallets produce): <c>0x</c> + r ‖ s ‖ v with v = 27/28, over
/// <c>keccak256("\x19Ethereum Signed Message:\n" + byteLength + message)</c>.
/// </summary>
public sealed class EthereumSigner : ISigner
{
    private readonly byte[] _privateKey;

    /// <summary>Creates a signer from a 32-byte private key.</summary>
    public EthereumSigner(ReadOnlySpan<byte> privateKey)
    {
        _privateKey = privateKey.ToArray();
        byte[] publicKey = Secp256k1.GetPublicKey(_privateKey, compressed: false);
        PublicKey = AddressOf(publicKey);
    }

    public string KeyType => "secp256k1";

    /// <summary>The lower-case <c>0x</c> Ethereum address.</summary>
    public string PublicKey { get; }

    /// <summary>Creates a signer with a fresh random key.</summary>
    public static EthereumSigner Generate() => new(Secp256k1.GeneratePrivateKey());

    /// <summary>The private key as <c>0x</c> hex (for key files).</summary>
    public string ExportPrivateKey() => "0x" + Convert.ToHexStringLower(_privateKey);

    /// <summary>The EIP-191 digest of a personal message.</summary>
    public static byte[] PersonalMessageHash(string message)
    {
        byte[] body = Encoding.UTF8.GetBytes(message);
        byte[] prefix = Encoding.UTF8.GetBytes("\u0019Ethereum Signed Message:\n" + body.Length.ToString(CultureInfo.InvariantCulture));
        return Keccak256.Hash([.. prefix, .. body]);
    }

    /// <summary>The Ethereum address (lower-case <c>0x</c> hex) of an uncompressed 65-byte public key.</summary>
    public static string AddressOf(ReadOnlySpan<byte> uncompressedPublicKey)
    {
        byte[] hash = Keccak256.Hash(uncompressedPublicKey[1..]);
        return "0x" + Convert.ToHexStringLower(hash.AsSpan(12));
    }

    public string Sign(string data)
    {
        (byte[] signature, int recoveryId) = Secp256k1.SignHash(_privateKey, PersonalMessageHash(data));
        return "0x" + Convert.ToHexStringLower(signature) + (27 + recoveryId).ToString("x2", CultureInfo.InvariantCulture);
    }
}
