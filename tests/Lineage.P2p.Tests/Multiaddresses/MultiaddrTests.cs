// SPDX-License-Identifier: Apache-2.0

using Lineage.P2p.Identity;
using Lineage.P2p.Multiaddresses;

namespace Lineage.P2p.Tests.Multiaddresses;

public sealed class MultiaddrTests
{
    [Theory]
    [InlineData("/ip4/127.0.0.1/tcp/4001", "047f000001060fa1")]
    [InlineData("/ip4/127.0.0.1/tcp/4001/ws", "047f000001060fa1dd03")]
    [InlineData("/dns4/example.com/tcp/443/wss", "360b6578616d706c652e636f6d0601bbde03")]
    [InlineData("/ip4/192.0.2.42/tcp/443", "04c000022a0601bb")]
    [InlineData("/ip6/::1/udp/4001/quic-v1", "290000000000000000000000000000000191020fa1cd03")]
    [InlineData("/ip4/1.2.3.4/tcp/1/p2p/12D3KooWEyoppNCUx8Yx66oV9fJnriXwCcXwDDUA2kj6vnc6iDEp", "0401020304060001a503260024080112204cb5abf6ad79fbf5abbccafcc269d85cd2651ed4b885b5869f241aedf0a5ba29")]
    [InlineData("/dns6/host.example/tcp/80/ws", "370c686f73742e6578616d706c65060050dd03")]
    [InlineData("/dns/a.b/tcp/1", "3503612e62060001")]
    public void Golden_vectors_round_trip(string text, string hex)
    {
        Multiaddr parsed = Multiaddr.Parse(text);
        Convert.ToHexStringLower(parsed.ToBytes()).Should().Be(hex);
        Multiaddr decoded = Multiaddr.FromBytes(Convert.FromHexString(hex));
        decoded.ToString().Should().Be(text);
        decoded.Should().Be(parsed);
    }

    [Fact]
    public void Relayed_suffix_encodes_as_documented()
    {
        var ma = Multiaddr.Parse("/p2p-circuit/p2p/16Uiu2HAmLhLvBoYaoZfaMUKuibM6ac163GwKY74c5kiSLg5KvLpY");
        Convert.ToHexStringLower(ma.ToBytes()).Should().StartWith("a202a503270025" + "0802");
    }

    [Fact]
    public void Ipfs_is_parsed_as_p2p_and_printed_as_p2p()
    {
        var ma = Multiaddr.Parse("/ip4/1.2.3.4/tcp/5/ipfs/QmYyQSo1c1Ym7orWxLYvCrM2EmxFTANf8wXmmE7DWjhx5N");
        ma.ToString().Should().Be("/ip4/1.2.3.4/tcp/5/p2p/QmYyQSo1c1Ym7orWxLYvCrM2EmxFTANf8wXmmE7DWjhx5N");
        ma.PeerId.Should().Be(PeerId.Parse("QmYyQSo1c1Ym7orWxLYvCrM2EmxFTANf8wXmmE7DWjhx5N"));
        ma.WithoutPeerId().ToString().Should().Be("/ip4/1.2.3.4/tcp/5");
    }

    [Fact]
    public void P2p_accepts_a_cid_peer_id()
    {
        var ma = Multiaddr.Parse("/ip4/1.2.3.4/tcp/5/p2p/bafzaajaiaejcatfvvp3k26p36wv3zsx4yju5qxgsmupnjoefwwdj6ja25xyklorj");
        ma.ToString().Should().EndWith("/p2p/12D3KooWEyoppNCUx8Yx66oV9fJnriXwCcXwDDUA2kj6vnc6iDEp");
    }

    [Theory]
    [InlineData("ip4/1.2.3.4")]
    [InlineData("/ip4/1.2.3")]
    [InlineData("/ip4/256.1.1.1")]
    [InlineData("/tcp/70000")]
    [InlineData("/tcp")]
    [InlineData("/foo/1")]
    [InlineData("/ws/x")]
    [InlineData("/ip6/1.2.3.4")]
    [InlineData("/p2p/notapeer")]
    public void Invalid_text_is_rejected(string text)
    {
        FluentActions.Invoking(() => Multiaddr.Parse(text)).Should().Throw<FormatException>();
    }

    [Theory]
    [InlineData("ff7f")]
    [InlineData("047f0000")]
    [InlineData("047f000001060f")]
    [InlineData("a50320aa")]
    [InlineData("3605616263")]
    [InlineData("")]
    public void Malformed_binary_is_rejected_with_an_offset(string hex)
    {
        FluentActions.Invoking(() => Multiaddr.FromBytes(Convert.FromHexString(hex))).Should().Throw<FormatException>();
    }

    [Fact]
    public void Tcp_endpoint_is_extracted_from_ip_and_dns_forms()
    {
        Multiaddr.Parse("/ip4/127.0.0.1/tcp/4001/ws").TryGetTcpEndpoint(out string? host, out int port, out _).Should().BeTrue();
        host.Should().Be("127.0.0.1");
        port.Should().Be(4001);
        Multiaddr.Parse("/dns4/localhost/tcp/80").TryGetTcpEndpoint(out host, out port, out _).Should().BeTrue();
        host.Should().Be("localhost");
        Multiaddr.Parse("/ip4/1.2.3.4/udp/1").TryGetTcpEndpoint(out _, out _, out _).Should().BeFalse();
    }
}
