// SPDX-License-Identifier: Apache-2.0

using Lineage.Cli.Tests.Support;

namespace Lineage.Cli.Tests.Node;

public sealed class NodeCommandTests
{
    [Fact]
    public async Task Help_lists_the_flags()
    {
        CliRunner.Result result = await CliRunner.RunAsync("node", "--help");
        result.ExitCode.Should().Be(0);
        result.Stdout.Should().Contain("--data-dir").And.Contain("--http").And.Contain("--config").And.Contain("LINEAGE_");
        result.Stdout.Should().Contain("--cron-poll-ms").And.Contain("--cron-confirmations").And.Contain("--cron-rate-limit")
            .And.Contain("--cron-allowed-endpoints").And.Contain("--no-cron");
    }

    [Theory]
    [InlineData("--cron-allowed-endpoints", "http://rpc.example.org/", "EVM endpoint allow-list entry 'http://rpc.example.org/'")]
    [InlineData("--cron-poll-ms", "10", "cron poll interval must be 50..600000 ms")]
    [InlineData("--cron-confirmations", "-1", "cron confirmations must be 0..10000")]
    [InlineData("--cron-rate-limit", "0", "cron rate limit must be 1..100000")]
    public async Task Bad_cron_settings_are_one_line_usage_errors(string flag, string value, string message)
    {
        string directory = Directory.CreateTempSubdirectory("lineage-cli-node-").FullName;
        try
        {
            CliRunner.Result result = await CliRunner.RunAsync("node", "--data-dir", directory, "--http", "127.0.0.1:0", flag, value);
            result.ExitCode.Should().Be(2);
            result.Stderr.Trim().Should().StartWith("lineage node: error: " + message).And.NotContain("\n");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task Bad_listen_address_is_a_one_line_usage_error()
    {
        string directory = Directory.CreateTempSubdirectory("lineage-cli-node-").FullName;
        try
        {
            CliRunner.Result result = await CliRunner.RunAsync("node", "--data-dir", directory, "--http", "nonsense");
            result.ExitCode.Should().Be(2);
            result.Stderr.Trim().Should().StartWith("lineage node: error: listen address 'nonsense'").And.NotContain("\n");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
