// SPDX-License-Identifier: Apache-2.0

using Lineage.Core.Crypto;

namespace Lineage.Core.Tests.Crypto;

public sealed class Ed25519Tests
{
    [Fact]
    public void Rfc8032_test_vector_1()
    {
        byte[] seed = Convert.FromHexString("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
        byte[] signature = Ed25519.Sign(seed, []);

        Convert.ToHexStringLower(Ed25519.GetPublicKey(seed)).Should()
            .Be("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
        Convert.ToHexStringLower(signature).Should().Be(
            "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b");
        Ed25519.Verify(Ed25519.GetPublicKey(seed), [], signature).Should().BeTrue();
        Ed25519.Verify(Ed25519.GetPublicKey(seed), "x"u8, signature).Should().BeFalse();
        Ed25519.Verify(new byte[3], [], signature).Should().BeFalse();
    }
}
