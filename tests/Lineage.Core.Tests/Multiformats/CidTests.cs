// SPDX-License-Identifier: Apache-2.0

using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Lineage.Core.Multiformats;

namespace Lineage.Core.Tests.Multiformats;

public sealed class CidTests
{
    [Fact]
    public void Raw_cid_of_hello_matches_js_multiformats()
    {
        // dependencies.md §7.3 (computed with multiformats 14.0.5).
        Cid cid = Cid.ComputeV1(Multicodec.Raw, Encoding.UTF8.GetBytes("hello"));
        cid.ToString().Should().Be("bafkreibm6jg3ux5qumhcn2b3flc3tyu6dmlb4xa7u5bf44yegnrjhc4yeq");
    }

    [Theory]
    [InlineData("bafyreib36ovydhrcw66oaqlez56eg5viarz3rdeyaa7h7tnyfkoqv4zb2a")]
    [InlineData("bafyreice7o5britxbsg65hl5ijiabsdpkyu2ei42vbcmuvcoj6avjfkvum")]
    [InlineData("bafkreibm6jg3ux5qumhcn2b3flc3tyu6dmlb4xa7u5bf44yegnrjhc4yeq")]
    public void Parses_and_prints_cidv1(string text)
    {
        Cid cid = Cid.Parse(text);
        cid.Version.Should().Be(1);
        cid.ToString().Should().Be(text);
        Cid.FromBytes(cid.ToBytes()).Should().Be(cid);
        Cid.Parse("z" + Base58.Encode(cid.ToBytes())).Should().Be(cid);
        Cid.Parse(text.ToUpperInvariant()).Should().Be(cid);
    }

    [Fact]
    public void Parses_cidv0()
    {
        const string v0 = "QmYwAPJzv5CZsnA625s3Xf2nemtYgPpHdWEz79ojWnPbdG";
        Cid cid = Cid.Parse(v0);
        cid.Version.Should().Be(0);
        cid.Codec.Should().Be(Multicodec.DagPb);
        cid.ToString().Should().Be(v0);
    }

    [Theory]
    [InlineData("")]
    [InlineData("x123")]
    [InlineData("b")]
    [InlineData("bafyrei")]
    [InlineData("bafyreib36ovydhrcw66oaqlez56eg5viarz3rdeyaa7h7tnyfkoqv4zb2")]
    [InlineData("bafyreib36ovydhrcw66oaqlez56eg5viarz3rdeyaa7h7tnyfkoqv4zb2aaa")]
    [InlineData("b!!!!")]
    [InlineData("z0OIl")]
    public void Rejects_malformed_text_with_a_reason(string text)
    {
        Cid.TryParse(text, out Cid? cid, out string? error).Should().BeFalse();
        cid.Should().BeNull();
        error.Should().NotBeNullOrEmpty();
    }

    [Fact]
    public void Binary_round_trip_and_truncation_fail_cleanly()
    {
        Prop.ForAll<byte[]>(data =>
        {
            Cid cid = Cid.ComputeV1(Multicodec.DagCbor, data ?? []);
            byte[] bytes = cid.ToBytes();
            bool roundTrips = Cid.FromBytes(bytes).Equals(cid) && Cid.Parse(cid.ToString()).Equals(cid);
            bool truncatedFails = Enumerable.Range(0, bytes.Length).All(n => !Cid.TryFromBytes(bytes.AsSpan(0, n), out _, out _));
            return roundTrips && truncatedFails;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Random_bytes_never_throw_from_TryFromBytes()
    {
        Prop.ForAll<byte[]>(data =>
        {
            _ = Cid.TryFromBytes(data ?? [], out _, out _);
            return true;
        }).QuickCheckThrowOnFailure();
    }
}
