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
