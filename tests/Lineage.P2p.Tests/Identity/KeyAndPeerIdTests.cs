// SPDX-License-Identifier: Apache-2.0

using System.Text;
using Lineage.P2p.Identity;

namespace Lineage.P2p.Tests.Identity;

public sealed class KeyAndPeerIdTests
{
    private const string SpecEd25519Private = "080112407e0830617c4a7de83925dfb2694556b12936c477a0e1feb2e148ec9da60fee7d1ed1e8fae2c4a144b8be8fd4b47bf3d3b34b871c3cacf6010f0e42d474fce27e";
    private const string SpecEd25519Public = "080112201ed1e8fae2c4a144b8be8fd4b47bf3d3b34b871c3cacf6010f0e42d474fce27e";
    private const string SpecSecpPrivate = "0802122053DADF1D5A164D6B4ACDB15E24AA4C5B1D3461BDBD42ABEDB0A4404D56CED8FB";
    private const string SpecSecpPublic = "08021221037777e994e452c21604f91de093ce415f5432f701dd8cd1a7a6fea0e630bfca99";
    private const string SpecEcdsaPublic = "0803125b3059301306072a8648ce3d020106082a8648ce3d03010703420004de3d300fa36ae0e8f5d530899d83abab44abf3161f162a4bc901d8e6ecda020e8b6d5f8da30525e71d6851510c098e5c47c646a597fb4dcec034e9f77c409e62";

    private static readonly byte[] s_seedOne = Convert.FromHexString("0000000000000000000000000000000000000000000000000000000000000001");

    [Fact]
    public void Spec_ed25519_private_key_gives_spec_public_key()
    {
        PrivateKey key = PrivateKey.FromProtobuf(Convert.FromHexString(SpecEd25519Private));
        Convert.ToHexStringLower(key.PublicKey.ToProtobuf()).Should().Be(SpecEd25519Public);
        Convert.ToHexStringLower(key.ToProtobuf()).Should().Be(SpecEd25519Private);
    }

    [Fact]
    public void Spec_secp256k1_private_key_gives_spec_public_key_and_peer_id()
    {
        PrivateKey key = PrivateKey.FromProtobuf(Convert.FromHexString(SpecSecpPrivate));
        Convert.ToHexStringLower(key.PublicKey.ToProtobuf()).Should().Be(SpecSecpPublic);
        key.PeerId.ToString().Should().Be("16Uiu2HAmLhLvBoYaoZfaMUKuibM6ac163GwKY74c5kiSLg5KvLpY");
        Convert.ToHexStringLower(key.PeerId.Bytes[..2]).Should().Be("0025");
    }

    [Fact]
    public void Spec_ecdsa_public_key_hashes_to_a_sha256_peer_id()
    {
        PublicKey key = PublicKey.FromProtobuf(Convert.FromHexString(SpecEcdsaPublic));
        key.Type.Should().Be(KeyType.Ecdsa);
        PeerId id = key.ToPeerId();
        id.Bytes[0].Should().Be(0x12);
        id.ToString().Should().StartWith("Qm");
        id.TryGetPublicKey().Should().BeNull();
        PeerId.Parse(id.ToString()).Should().Be(id);
    }

    [Fact]
    public void Seed_one_gives_the_documented_key_and_id_forms()
    {
        PrivateKey key = PrivateKey.FromEd25519Seed(s_seedOne);
        Convert.ToHexStringLower(key.PublicKey.ToProtobuf()).Should().Be("080112204cb5abf6ad79fbf5abbccafcc269d85cd2651ed4b885b5869f241aedf0a5ba29");
        Convert.ToHexStringLower(key.ToProtobuf()).Should().Be("08011240" + Convert.ToHexStringLower(s_seedOne) + "4cb5abf6ad79fbf5abbccafcc269d85cd2651ed4b885b5869f241aedf0a5ba29");
        Convert.ToHexStringLower(key.PeerId.Bytes).Should().Be("0024080112204cb5abf6ad79fbf5abbccafcc269d85cd2651ed4b885b5869f241aedf0a5ba29");
        key.PeerId.ToString().Should().Be("12D3KooWEyoppNCUx8Yx66oV9fJnriXwCcXwDDUA2kj6vnc6iDEp");
        key.PeerId.ToCidString().Should().Be("bafzaajaiaejcatfvvp3k26p36wv3zsx4yju5qxgsmupnjoefwwdj6ja25xyklorj");
        Convert.ToHexStringLower(key.Sign(Encoding.ASCII.GetBytes("hello"))).Should().Be(
            "c6cb9b70e0ee28cea926c251aa06b131b51dcdc52b6cc05df6235a56478852a5c3f737b12c3f4fca6e020c714100e712c1c22cb0402e9ef446aa2669831a9106");
    }

    [Fact]
    public void Both_text_forms_parse_to_the_same_peer_id()
    {
        PeerId fromBase58 = PeerId.Parse("12D3KooWEyoppNCUx8Yx66oV9fJnriXwCcXwDDUA2kj6vnc6iDEp");
        PeerId fromCid = PeerId.Parse("bafzaajaiaejcatfvvp3k26p36wv3zsx4yju5qxgsmupnjoefwwdj6ja25xyklorj");
        fromCid.Should().Be(fromBase58);
        fromBase58.TryGetPublicKey()!.ToPeerId().Should().Be(fromBase58);

        PeerId qm = PeerId.Parse("QmYyQSo1c1Ym7orWxLYvCrM2EmxFTANf8wXmmE7DWjhx5N");
        Convert.ToHexStringLower(qm.Bytes).Should().Be("12209dff3b17d74cf4d38a50d8b6383e92d181a10395a5e73a726dcccbd21bf6f0b9");
        qm.ToCidString().Should().Be("bafzbeie5745rpv2m6tjyuugywy4d5ewrqgqqhfnf445he3omzpjbx5xqxe");
        PeerId.Parse("bafzbeie5745rpv2m6tjyuugywy4d5ewrqgqqhfnf445he3omzpjbx5xqxe").Should().Be(qm);
    }

    [Theory]
    [InlineData("")]
    [InlineData("12D3KooW0000")]
    [InlineData("bafkreibm6jg3ux5qumhcn2b3flc3tyu6dmlb4xa7u5bf44yegnrjhc4yeq")]
    [InlineData("xyz")]
    [InlineData("QmYyQSo1c1Ym7orWxLYvCrM2EmxFTANf8wXmmE7DWjhx5")]
    public void Invalid_peer_id_text_is_rejected(string text)
    {
        PeerId.TryParse(text, out _).Should().BeFalse();
        FluentActions.Invoking(() => PeerId.Parse(text)).Should().Throw<FormatException>();
    }

    [Theory]
    [InlineData(KeyType.Ed25519)]
    [InlineData(KeyType.Secp256k1)]
    public void Signatures_verify_and_tampering_is_detected(KeyType type)
    {
        PrivateKey key = PrivateKey.Generate(type);
        byte[] message = Encoding.UTF8.GetBytes("noise-libp2p-static-key:");
        byte[] signature = key.Sign(message);
        key.PublicKey.Verify(message, signature).Should().BeTrue();
        message[0] ^= 1;
        key.PublicKey.Verify(message, signature).Should().BeFalse();
        key.PublicKey.Verify(message, signature.AsSpan(1)).Should().BeFalse();
        PrivateKey.FromProtobuf(key.ToProtobuf()).PeerId.Should().Be(key.PeerId);
    }

    [Fact]
    public void Secp256k1_signatures_are_low_s_der()
    {
        PrivateKey key = PrivateKey.FromProtobuf(Convert.FromHexString(SpecSecpPrivate));
        var halfN = System.Numerics.BigInteger.Parse("7FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF5D576E7357A4501DDFE92F46681B20A0", System.Globalization.NumberStyles.HexNumber);
        for (int i = 0; i < 16; i++)
        {
            byte[] der = key.Sign([(byte)i, 1, 2, 3]);
            der[0].Should().Be(0x30);
            var reader = new System.Formats.Asn1.AsnReader(der, System.Formats.Asn1.AsnEncodingRules.DER).ReadSequence();
            reader.ReadInteger();
            reader.ReadInteger().Should().BeLessThanOrEqualTo(halfN);
        }
    }

    [Fact]
    public void Malformed_key_protobufs_are_rejected()
    {
        FluentActions.Invoking(() => PublicKey.FromProtobuf(Convert.FromHexString("0801122001"))).Should().Throw<P2pProtocolException>();
        FluentActions.Invoking(() => PublicKey.FromProtobuf(Convert.FromHexString("0801"))).Should().Throw<P2pProtocolException>();
        FluentActions.Invoking(() => PublicKey.FromProtobuf(Convert.FromHexString("08011203010203"))).Should().Throw<FormatException>();
        FluentActions.Invoking(() => PublicKey.FromProtobuf(Convert.FromHexString("0809120101"))).Should().Throw<FormatException>();
        byte[] legacy = Convert.FromHexString(SpecEd25519Private + "00");
        FluentActions.Invoking(() => PrivateKey.FromProtobuf(legacy)).Should().Throw<Exception>();
    }
}
