// SPDX-License-Identifier: Apache-2.0

using System.Text;
using Lineage.Core.Crypto;
using Lineage.Core.Multiformats;

namespace Lineage.Client.Signing;

/// <summary>ed25519 signer: base58 public key, base58 64-byte signature over the UTF-8 bytes of the payload.</summary>
public sealed class Ed25519Signer : ISigner
{
    private readonly byte[] _seed;

    /// <summary>Creates a signer from a 32-byte private seed.</summary>
    public Ed25519Signer(ReadOnlySpan<byte> seed)
    {
        _seed = seed.ToArray();
        PublicKey = Base58.Encode(Ed25519.GetPublicKey(_seed));
    }

    public string KeyType => "ed25519";

    /// <summary>The base58 public key.</summary>
    public string PublicKey { get; }

    /// <summary>Creates a signer with a fresh random key.</summary>
    public static Ed25519Signer Generate() => new(Ed25519.GenerateSeed());

    /// <summary>The private seed as hex (for key files).</summary>
    public string ExportPrivateKey() => Convert.ToHexStringLower(_seed);

    public string Sign(string data) => Base58.Encode(Ed25519.Sign(_seed, Encoding.UTF8.GetBytes(data)));
}
