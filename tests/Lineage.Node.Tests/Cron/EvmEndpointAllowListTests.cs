// SPDX-License-Identifier: Apache-2.0

using Lineage.Node.Evm;

namespace Lineage.Node.Tests.Cron;

public sealed class EvmEndpointAllowListTests
{
    [Theory]
    [InlineData("http://127.0.0.1:8545/")]
    [InlineData("http://127.1.2.3:8545/")]
    [InlineData("http://localhost:8545/")]
    [InlineData("http://LOCALHOST/")]
    [InlineData("http://[::1]:8545/")]
    public void Default_allows_loopback(string url) =>
        EvmEndpointAllowList.Default.Allows(new Uri(url)).Should().BeTrue();

    [Theory]
    [InlineData("https://eth-mainnet.g.alchemy.com/v2/KEY")]
    [InlineData("http://10.0.0.5:8545/")]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("http://localhost.example.org/")]
    [InlineData("http://[::ffff:10.0.0.1]/")]
    public void Default_refuses_everything_else(string url) =>
        EvmEndpointAllowList.Default.Allows(new Uri(url)).Should().BeFalse();

    [Fact]
    public void Hosts_ports_and_domain_wildcards()
    {
        EvmEndpointAllowList list = EvmEndpointAllowList.Parse(" rpc.example.org , 10.0.0.5:8545, *.alchemy.com,[2001:db8::1]:8545 ");
        list.Entries.Should().HaveCount(4);
        list.Allows(new Uri("https://rpc.example.org/v1")).Should().BeTrue();
        list.Allows(new Uri("https://RPC.EXAMPLE.ORG:9999/")).Should().BeTrue();
        list.Allows(new Uri("http://10.0.0.5:8545/")).Should().BeTrue();
        list.Allows(new Uri("http://10.0.0.5:8546/")).Should().BeFalse();
        list.Allows(new Uri("https://eth-mainnet.g.alchemy.com/v2/KEY")).Should().BeTrue();
        list.Allows(new Uri("https://alchemy.com/")).Should().BeFalse("*.domain matches subdomains only");
        list.Allows(new Uri("https://evilalchemy.com/")).Should().BeFalse();
        list.Allows(new Uri("http://[2001:db8::1]:8545/")).Should().BeTrue();
        list.Allows(new Uri("http://127.0.0.1:8545/")).Should().BeFalse("loopback was not listed");
        list.Allows(new Uri("http://rpc.example.org.evil.net/")).Should().BeFalse();
    }

    [Fact]
    public void Star_allows_any_host_and_empty_allows_none()
    {
        EvmEndpointAllowList.Parse("*").Allows(new Uri("https://anything.example/")).Should().BeTrue();
        EvmEndpointAllowList empty = EvmEndpointAllowList.Parse("");
        empty.Allows(new Uri("http://127.0.0.1/")).Should().BeFalse();
        empty.ToString().Should().Be("(none)");
    }

    [Theory]
    [InlineData("http://rpc.example.org/")]
    [InlineData("rpc.example.org/path")]
    [InlineData("rpc.example.org:99999")]
    [InlineData("rpc.example.org:abc")]
    [InlineData("*.")]
    [InlineData("a b")]
    public void Malformed_entries_are_refused_with_the_entry(string entry)
    {
        Action parse = () => EvmEndpointAllowList.Parse("loopback," + entry);
        parse.Should().Throw<FormatException>().WithMessage($"*'{entry}'*");
    }
}
