// SPDX-License-Identifier: Apache-2.0

using System.Text.Json;
using Lineage.Cli.Tests.Support;
using Lineage.Node.Tests.Support;

namespace Lineage.Cli.Tests.Tx;

/// <summary>Every user flow through the CLI against a real node: key, publish per method, receipt, metadata reads.</summary>
public sealed class CliFlowTests : IAsyncLifetime
{
    private const string Chain = "80001";
    private readonly string _directory = Directory.CreateTempSubdirectory("lineage-cli-flow-").FullName;
    private TestNode _node = null!;
    private string _url = "";
    private string _key = "";
    private string _address = "";

    public async Task InitializeAsync()
    {
        _node = await TestNode.StartAsync();
        _url = _node.Node.HttpAddress.ToString();
        _key = Path.Combine(_directory, "me.json");
        _address = (await CliRunner.RunAsync("key", "new", "--out", _key)).Stdout.Trim();
    }

    public async Task DisposeAsync()
    {
        await _node.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Publish_each_method_then_read_receipt_metadata_history_and_search()
    {
        string collection = "0x" + Guid.NewGuid().ToString("N") + "00000000";
        const string mc = "cli-flow-contract";
        string[] target = ["--node", _url, "--key", _key, "--chain-id", Chain, "--token-address", collection];

        CliRunner.Result bound = await CliRunner.RunAsync(["tx", "publish", "contract", .. target, "--meta-contract-id", mc, "--wait"]);
        bound.ExitCode.Should().Be(0, bound.Stderr);
        ReceiptStatus(bound.Stdout).Should().Be(1);

        CliRunner.Result first = await CliRunner.RunAsync(["tx", "publish", "metadata", .. target, "--meta-contract-id", mc, "--token-id", "1", "--alias", "name", "--version", "1", "--data", "{\"name\":\"one\"}"]);
        first.ExitCode.Should().Be(0, first.Stderr);
        string firstHash = first.Stdout.Trim();
        CliRunner.Result receipt = await CliRunner.RunAsync("tx", "receipt", firstHash, "--node", _url, "--wait");
        receipt.ExitCode.Should().Be(0, receipt.Stderr);
        ReceiptStatus(receipt.Stdout).Should().Be(1);

        CliRunner.Result second = await CliRunner.RunAsync(["tx", "publish", "metadata", .. target, "--meta-contract-id", mc, "--token-id", "1", "--alias", "name", "--version", "1", "--data", "{\"name\":\"two\"}", "--wait"]);
        second.ExitCode.Should().Be(0, second.Stderr);

        string[] field = ["--node", _url, "--chain-id", Chain, "--token-address", collection, "--token-id", "1", "--meta-contract-id", mc, "--public-key", _address, "--alias", "name", "--version", "1"];
        CliRunner.Result get = await CliRunner.RunAsync(["metadata", "get", .. field]);
        get.ExitCode.Should().Be(0, get.Stderr);
        using (JsonDocument row = JsonDocument.Parse(get.Stdout))
        {
            row.RootElement.GetProperty("content").GetProperty("name").GetString().Should().Be("two");
            row.RootElement.GetProperty("metadata").GetProperty("alias").GetString().Should().Be("name");
        }

        CliRunner.Result history = await CliRunner.RunAsync(["metadata", "history", .. field]);
        history.ExitCode.Should().Be(0, history.Stderr);
        using (JsonDocument blocks = JsonDocument.Parse(history.Stdout))
        {
            blocks.RootElement.GetArrayLength().Should().Be(2);
            blocks.RootElement[0].GetProperty("content").GetProperty("name").GetString().Should().Be("two");
            blocks.RootElement[1].GetProperty("content").GetProperty("name").GetString().Should().Be("one");
        }

        string dataKey = JsonDocument.Parse(get.Stdout).RootElement.GetProperty("metadata").GetProperty("data_key").GetString()!;
        CliRunner.Result search = await CliRunner.RunAsync("metadata", "search", "--node", _url, "--where", $"data_key={dataKey}", "--where", "alias=name");
        search.ExitCode.Should().Be(0, search.Stderr);
        JsonDocument.Parse(search.Stdout).RootElement.GetArrayLength().Should().Be(1);
        CliRunner.Result count = await CliRunner.RunAsync("metadata", "search", "--node", _url, "--where", $"data_key={dataKey}", "--count");
        count.Stdout.Trim().Should().Be("1");

        CliRunner.Result clone = await CliRunner.RunAsync(["tx", "publish", "clone", .. target, "--meta-contract-id", mc, "--token-id", "2", "--alias", "name", "--version", "1",
            "--origin-data-key", dataKey, "--origin-meta-contract-id", mc, "--origin-public-key", _address, "--origin-alias", "name", "--origin-version", "1", "--wait"]);
        clone.ExitCode.Should().Be(0, clone.Stderr);
        CliRunner.Result cloned = await CliRunner.RunAsync(["metadata", "get", .. field[..7], "2", .. field[8..]]);
        cloned.ExitCode.Should().Be(0, cloned.Stderr);
        JsonDocument.Parse(cloned.Stdout).RootElement.GetProperty("content").GetProperty("name").GetString().Should().Be("two");

        CliRunner.Result cron = await CliRunner.RunAsync("tx", "publish", "cron", "--node", _url, "--key", _key, "--meta-contract-id", mc,
            "--address", collection, "--chain", Chain, "--topic", "0x957f358702a4cd1c866fb29aefe080a9a56303adf02d47a081a56707d2d30033", "--rpc-url", "http://127.0.0.1:8545", "--wait");
        cron.ExitCode.Should().Be(0, cron.Stderr);
    }

    [Fact]
    public async Task Failed_transaction_exits_1_with_the_reason()
    {
        CliRunner.Result result = await CliRunner.RunAsync("tx", "publish", "metadata", "--node", _url, "--key", _key, "--meta-contract-id", "never-bound",
            "--chain-id", Chain, "--token-address", "0x01", "--token-id", "1", "--data", "x", "--wait");
        result.ExitCode.Should().Be(1);
        ReceiptStatus(result.Stdout).Should().Be(2);
        result.Stderr.Trim().Should().StartWith("lineage: error: transaction ").And.Contain("failed: ").And.NotContain("\n");

        CliRunner.Result missing = await CliRunner.RunAsync("tx", "receipt", "nonexistent", "--node", _url);
        missing.ExitCode.Should().Be(1);
        missing.Stderr.Should().StartWith("lineage: error: no receipt for nonexistent");

        CliRunner.Result noRow = await CliRunner.RunAsync("metadata", "get", "--node", _url, "--data-key", "nothing", "--meta-contract-id", "x");
        noRow.ExitCode.Should().Be(1);
        noRow.Stderr.Should().StartWith("lineage: error: no such field");

        CliRunner.Result badFilter = await CliRunner.RunAsync("metadata", "search", "--node", _url, "--where", "secret_column=1");
        badFilter.ExitCode.Should().Be(1);
        badFilter.Stderr.Should().StartWith("lineage: error: node answered -32602");
    }

    private static long ReceiptStatus(string json)
    {
        using JsonDocument receipt = JsonDocument.Parse(json);
        return receipt.RootElement.GetProperty("status").GetInt64();
    }
}
