// SPDX-License-Identifier: Apache-2.0

using FsCheck;
using FsCheck.Fluent;
using Lineage.Metadata.Signing;
using Lineage.Metadata.Tests.Support;

namespace Lineage.Metadata.Tests.Signing;

public sealed class SignatureVerifierTests
{
    [Theory]
    [InlineData("dummy-metadata.json")]
    [InlineData("dummy-contract2.json")]
    public void Golden_requests_verify(string file)
    {
        var request = Fixtures.Request(file);
        SignatureVerifier.Verify(request.PublicKey, request.Signature, request.Data).Should().BeNull();
        SignatureVerifier.Verify(request.PublicKey, request.Signature, request.Data + " ").Should().NotBeNull();
    }

    [Fact]
    public void Accepts_v_as_0_or_1_as_well_as_27_or_28()
    {
        var request = Fixtures.Request("dummy-metadata.json");
        string zeroBased = request.Signature[..^2] + "01"; // v = 0x1c = 28 → 1
        SignatureVerifier.Verify(request.PublicKey, zeroBased, request.Data).Should().BeNull();
        SignatureVerifier.Verify(request.PublicKey, request.Signature[2..], request.Data).Should().BeNull("the 0x prefix is optional");
    }

    [Fact]
    public void Fresh_keys_of_both_schemes_verify_and_wrong_signers_do_not()
    {
        foreach (TestSigner signer in new[] { TestSigner.NewSecp256k1(), TestSigner.NewEd25519() })
        {
            string data = "{\"text\":\"héllo ✓\"}";
            SignatureVerifier.Verify(signer.PublicKey, signer.Sign(data), data).Should().BeNull();
            TestSigner other = signer.PublicKey.StartsWith("0x", StringComparison.Ordinal) ? TestSigner.NewSecp256k1() : TestSigner.NewEd25519();
            SignatureVerifier.Verify(other.PublicKey, signer.Sign(data), data).Should().NotBeNull();
        }

        TestSigner secp = TestSigner.NewSecp256k1();
        SignatureVerifier.Verify(secp.PublicKey.ToUpperInvariant().Replace("0X", "0x", StringComparison.Ordinal), secp.Sign("x", zeroBasedV: true), "x")
            .Should().BeNull("addresses compare case-insensitively and v may be 0/1");
    }

    [Theory]
    [InlineData("0xee1f0084514f12e6f02557e43f76669d81ef0022", "", "missing signature")]
    [InlineData("0xee1f0084514f12e6f02557e43f76669d81ef0022", "0x1234", "65 bytes")]
    [InlineData("0xee1f0084514f12e6f02557e43f76669d81ef0022", "0xzzeb6c01fea817d1ec9c756d723299b8fc7344ca9d59c53881892ea109e37d20320e30a29e8de64da708a2daf689e13f632b080c22416ad039e69040a99b9b201c", "not valid hex")]
    [InlineData("0xee1f0084514f12e6f02557e43f76669d81ef0022", "0x24eb6c01fea817d1ec9c756d723299b8fc7344ca9d59c53881892ea109e37d20320e30a29e8de64da708a2daf689e13f632b080c22416ad039e69040a99b9b2005", "invalid signature v = 5")]
    [InlineData("0xee1f0084514f12e6f02557e43f76669d81ef0022", "0x0000000000000000000000000000000000000000000000000000000000000000320e30a29e8de64da708a2daf689e13f632b080c22416ad039e69040a99b9b201c", "no public key")]
    [InlineData("0x12", "0x24eb6c01fea817d1ec9c756d723299b8fc7344ca9d59c53881892ea109e37d20320e30a29e8de64da708a2daf689e13f632b080c22416ad039e69040a99b9b201c", "20-byte address")]
    [InlineData("0", "x", "not base58")]
    [InlineData("3yZe7d", "x", "32 bytes")]
    [InlineData("11111111111111111111111111111111", "0OIl", "not base58")]
    [InlineData("11111111111111111111111111111111", "3yZe7d", "64 bytes")]
    [InlineData("", "x", "missing public_key")]
    public void Malformed_input_gives_a_clear_error(string publicKey, string signature, string reason)
    {
        string? error = SignatureVerifier.Verify(publicKey, signature, "data");
        error.Should().NotBeNull().And.Contain(reason);
    }

    [Fact]
    public void Arbitrary_strings_never_throw()
    {
        Prop.ForAll<string, string, string>((publicKey, signature, message) =>
        {
            _ = SignatureVerifier.Verify(publicKey, signature, message);
            _ = SignatureVerifier.Verify("0x" + publicKey, "0x" + signature, message);
            return true;
        }).QuickCheckThrowOnFailure();
    }
}
