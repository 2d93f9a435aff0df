// SPDX-License-Identifier: Apache-2.0

using Lineage.Core.Crypto;

namespace Lineage.Core.Tests.Crypto;

public sealed class Secp256k1Tests
{
    [Fact]
    public void Private_key_one_gives_the_known_ethereum_address()
    {
        byte[] privateKey = Convert.FromHexString("0000000000000000000000000000000000000000000000000000000000000001");
        byte[] publicKey = Secp256k1.GetPublicKey(privateKey, compressed: false);
        byte[] address = Keccak256.Hash(publicKey.AsSpan(1))[12..];
        Convert.ToHexStringLower(address).Should().Be("7e5f4552091a69125d5dfcb7b8c2659029395bdf");
    }

    [Fact]
    public void Keccak_of_empty_input_matches_ethereum()
    {
        Convert.ToHexStringLower(Keccak256.Hash([])).Should()
            .Be("c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");
    }

    [Fact]
    public void Sign_then_recover_gives_the_signer_and_verifies()
    {
        byte[] privateKey = Secp256k1.GeneratePrivateKey();
        byte[] hash = Keccak256.Hash("lineage"u8);
        (byte[] signature, int recoveryId) = Secp256k1.SignHash(privateKey, hash);

        Secp256k1.RecoverPublicKey(hash, signature, recoveryId).Should()
            .Equal(Secp256k1.GetPublicKey(privateKey, compressed: false));
        Secp256k1.VerifyHash(Secp256k1.GetPublicKey(privateKey, compressed: true), hash, signature).Should().BeTrue();
        hash[0] ^= 1;
        Secp256k1.VerifyHash(Secp256k1.GetPublicKey(privateKey, compressed: true), hash, signature).Should().BeFalse();
    }

    [Fact]
    public void Malformed_inputs_fail_without_throwing()
    {
        Secp256k1.RecoverPublicKey(new byte[32], new byte[64], 0).Should().BeNull();
        Secp256k1.RecoverPublicKey(new byte[31], new byte[64], 0).Should().BeNull();
        Secp256k1.RecoverPublicKey(new byte[32], new byte[64], 7).Should().BeNull();
        Secp256k1.VerifyHash(new byte[5], new byte[32], new byte[64]).Should().BeFalse();
    }
}
