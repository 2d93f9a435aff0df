// SPDX-License-Identifier: Apache-2.0

using Lineage.Core.Crypto;
using Lineage.Node.Identity;

namespace Lineage.Node.Tests.Identity;

public sealed class NodeIdentityTests
{
    [Fact]
    public void Peer_id_of_the_rfc8032_key_is_the_libp2p_identity_multihash()
    {
        // RFC 8032 test 1 seed; the peer id was computed independently with @libp2p/peer-id
        // (peerIdFromPublicKey of the same ed25519 public key).
        NodeIdentity identity = NodeIdentity.FromSeed(Convert.FromHexString("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"));
        Convert.ToHexString(identity.PublicKey.Span).Should().BeEquivalentTo("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
        identity.PeerId.Should().Be("12D3KooWQK1wnefoLrcVHbbnf5tLzbopUd3K3bFAoJpA7YJgL5pV");
    }

    [Fact]
    public void Signatures_verify_with_the_public_key()
    {
        NodeIdentity identity = NodeIdentity.Generate();
        byte[] message = "hello"u8.ToArray();
        Ed25519.Verify(identity.PublicKey.Span, message, identity.Sign(message)).Should().BeTrue();
    }

    [Theory]
    [InlineData("")]
    [InlineData("secp256k1:AAAA")]
    [InlineData("ed25519:not base64!")]
    [InlineData("ed25519:AAAA")]
    public void Damaged_key_files_are_rejected_with_a_clear_error(string text)
    {
        Action parse = () => NodeIdentity.Parse(text, "node-identity.key");
        parse.Should().Throw<InvalidDataException>().WithMessage("node-identity.key: *");
    }
}
