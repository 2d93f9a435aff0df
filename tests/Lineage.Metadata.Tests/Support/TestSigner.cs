// SPDX-License-Identifier: Apache-2.0

using System.Text;
using Lineage.Core.Crypto;
using Lineage.Core.Multiformats;
using Lineage.Metadata.Model;
using Lineage.Metadata.Signing;

namespace Lineage.Metadata.Tests.Support;

/// <summary>A test wallet: secp256k1 (EIP-191 personal_sign) or ed25519 (base58).</summary>
internal sealed class TestSigner
{
    private readonly byte[] _privateKey;
    private readonly bool _ed25519;

    private TestSigner(byte[] privateKey, bool ed25519)
    {
        _privateKey = privateKey;
        _ed25519 = ed25519;
        if (ed25519)
        {
            PublicKey = Base58.Encode(Ed25519.GetPublicKey(privateKey));
        }
        else
        {
            byte[] uncompressed = Secp256k1.GetPublicKey(privateKey, compressed: false);
            PublicKey = "0x" + Convert.ToHexStringLower(Keccak256.Hash(uncompressed.AsSpan(1)).AsSpan(12));
        }
    }

    public string PublicKey { get; }

    public static TestSigner NewSecp256k1() => new(Secp256k1.GeneratePrivateKey(), ed25519: false);

    public static TestSigner NewEd25519() => new(Ed25519.GenerateSeed(), ed25519: true);

    public string Sign(string data, bool zeroBasedV = false)
    {
        if (_ed25519)
        {
            return Base58.Encode(Ed25519.Sign(_privateKey, Encoding.UTF8.GetBytes(data)));
        }

        (byte[] signature, int recoveryId) = Secp256k1.SignHash(_privateKey, SignatureVerifier.PersonalMessageDigest(data));
        return "0x" + Convert.ToHexStringLower(signature) + ((zeroBasedV ? 0 : 27) + recoveryId).ToString("x2", System.Globalization.CultureInfo.InvariantCulture);
    }

    public TransactionRequest Request(string method, string data, string metaContractId = "", string alias = "", string version = "",
        string chainId = "80001", string tokenAddress = "0x0692f233614802D06e86CBDE6b5D090A9F5d3c10", string tokenId = "1", string mcdata = "") => new()
    {
        Method = method,
        Data = data,
        MetaContractId = metaContractId,
        Alias = alias,
        Version = version,
        ChainId = chainId,
        TokenAddress = tokenAddress,
        TokenId = tokenId,
        Mcdata = mcdata,
        PublicKey = PublicKey,
        Signature = Sign(data),
    };
}
