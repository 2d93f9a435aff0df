// SPDX-License-Identifier: Apache-2.0

using System.Diagnostics;
using System.Text.Json;
using Lineage.Cli.Tests.Support;
using Lineage.Metadata.Keys;
using Lineage.Node.Tests.Cron;
using Lineage.Node.Tests.Support;

namespace Lineage.Cli.Tests.Cron;

/// <summary>
/// <c>lineage cron create|list|disable</c> as a user runs them (the built CLI as a child process) against a real node
/// whose mint watcher follows a real ganache chain (tests/harness/evm).
/// </summary>
public sealed class CronCommandTests : IAsyncLifetime
{
    private const string MetaContract = "cli-cron-contract";
    private readonly string _directory = Directory.CreateTempSubdirectory("lineage-cli-cron-").FullName;
    private GanacheChain _chain = null!;
    private TestNode _node = null!;
    private string _url = "";
    private string _key = "";

    public async Task InitializeAsync()
    {
        _chain = await GanacheChain.StartAsync();
        _node = await TestNode.StartAsync(options => options.CronPollMs = 200);
        _url = _node.Node.HttpAddress.ToString();
        _key = Path.Combine(_directory, "owner.json");
        CliRunner.Result key = await CliRunner.RunAsync("key", "new", "--out", _key);
        key.ExitCode.Should().Be(0, key.Stderr);
    }

    public async Task DisposeAsync()
    {
        await _node.DisposeAsync();
        await _chain.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Create_list_follow_and_disable_a_cron()
    {
        string[] collection = ["--chain-id", _chain.ChainId, "--token-address", _chain.Contract];
        CliRunner.Result bound = await CliRunner.RunAsync(
            ["tx", "publish", "contract", "--node", _url, "--key", _key, .. collection, "--meta-contract-id", MetaContract, "--wait"]);
        bound.ExitCode.Should().Be(0, bound.Stderr);

        CliRunner.Result created = await CliRunner.RunAsync(
            "cron", "create", "--node", _url, "--key", _key, "--address", _chain.Contract, "--chain", _chain.ChainId,
            "--rpc-url", _chain.RpcUrl.AbsoluteUri, "--meta-contract-id", MetaContract, "--wait");
        created.ExitCode.Should().Be(0, created.Stderr);
        ReceiptStatus(created.Stdout).Should().Be(1);

        CliRunner.Result listed = await CliRunner.RunAsync("cron", "list", "--node", _url, "--active");
        listed.ExitCode.Should().Be(0, listed.Stderr);
        JsonElement cron = SingleCron(listed.Stdout);
        cron.GetProperty("address").GetString().Should().BeEquivalentTo(_chain.Contract);
        cron.GetProperty("status").GetInt64().Should().Be(1);
        cron.GetProperty("node_url").GetString().Should().Be(_chain.RpcUrl.AbsoluteUri);
        string hash = cron.GetProperty("hash").GetString()!;

        // The node follows the chain: a mint becomes metadata without any further command.
        await _chain.MintAsync("41");
        (await WaitForRowsAsync("41", TimeSpan.FromSeconds(60))).Should().BeGreaterThan(0);

        // Only the creator may disable it.
        string stranger = Path.Combine(_directory, "stranger.json");
        (await CliRunner.RunAsync("key", "new", "--out", stranger)).ExitCode.Should().Be(0);
        CliRunner.Result refused = await CliRunner.RunAsync("cron", "disable", hash, "--node", _url, "--key", stranger, "--wait");
        refused.ExitCode.Should().Be(1);
        refused.Stderr.Should().Contain("invalid owner");

        CliRunner.Result disabled = await CliRunner.RunAsync("cron", "disable", hash, "--node", _url, "--key", _key, "--wait");
        disabled.ExitCode.Should().Be(0, disabled.Stderr);
        ReceiptStatus(disabled.Stdout).Should().Be(1);

        CliRunner.Result active = await CliRunner.RunAsync("cron", "list", "--node", _url, "--active");
        active.ExitCode.Should().Be(0, active.Stderr);
        Crons(active.Stdout).Should().BeEmpty();
        CliRunner.Result all = await CliRunner.RunAsync("cron", "list", "--node", _url);
        SingleCron(all.Stdout).GetProperty("status").GetInt64().Should().Be(0);

        // The watcher stops following it: once its status says stopped, a new mint gets no metadata.
        await WaitForStateAsync(hash, "stopped", TimeSpan.FromSeconds(30));
        await _chain.MintAsync("42");
        await Task.Delay(TimeSpan.FromMilliseconds(200 * 5));
        (await RowCountAsync("42")).Should().Be(0);
    }

    [Fact]
    public async Task A_cron_on_an_endpoint_outside_the_allow_list_is_never_called()
    {
        string address = "0x" + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()) + "00000000";
        CliRunner.Result created = await CliRunner.RunAsync(
            "cron", "create", "--node", _url, "--key", _key, "--address", address, "--chain", _chain.ChainId,
            "--rpc-url", "http://rpc.example.org:8545/v2/SECRET-KEY", "--meta-contract-id", MetaContract, "--wait");
        created.ExitCode.Should().Be(0, created.Stderr);
        string hash = SingleCron((await CliRunner.RunAsync("cron", "list", "--node", _url)).Stdout).GetProperty("hash").GetString()!;

        JsonElement status = await WaitForStateAsync(hash, "invalid", TimeSpan.FromSeconds(30));
        string error = status.GetProperty("last_error").GetString()!;
        error.Should().Contain("allow-list").And.Contain("rpc.example.org").And.NotContain("SECRET-KEY");
    }

    [Fact]
    public async Task Bad_input_gives_one_line_errors()
    {
        CliRunner.Result noKey = await CliRunner.RunAsync(
            "cron", "create", "--node", _url, "--key", Path.Combine(_directory, "missing.json"), "--address", _chain.Contract,
            "--chain", _chain.ChainId, "--rpc-url", _chain.RpcUrl.AbsoluteUri, "--meta-contract-id", MetaContract);
        noKey.ExitCode.Should().Be(2);
        noKey.Stderr.Trim().Should().NotContain("\n");

        CliRunner.Result unknown = await CliRunner.RunAsync("cron", "disable", "0xnot-a-cron", "--node", _url, "--key", _key);
        unknown.ExitCode.Should().Be(1);
        unknown.Stderr.Should().Contain("no cron 0xnot-a-cron");

        CliRunner.Result badType = await CliRunner.RunAsync(
            "cron", "create", "--node", _url, "--key", _key, "--address", _chain.Contract, "--chain", _chain.ChainId,
            "--rpc-url", _chain.RpcUrl.AbsoluteUri, "--meta-contract-id", MetaContract, "--token-type", "erc20");
        badType.ExitCode.Should().NotBe(0);
    }

    private async Task<long> RowCountAsync(string tokenId)
    {
        string dataKey = LineageKeys.DataKey(_chain.ChainId, _chain.Contract, tokenId);
        JsonElement response = await _node.CallAsync("get_metadatas_all_version", new[] { dataKey });
        return response.GetProperty("result").GetProperty("metadatas").GetArrayLength();
    }

    private async Task<long> WaitForRowsAsync(string tokenId, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            long rows = await RowCountAsync(tokenId);
            if (rows > 0)
            {
                return rows;
            }

            await Task.Delay(50);
        }

        return 0;
    }

    private async Task<JsonElement> WaitForStateAsync(string hash, string state, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        JsonElement status = default;
        while (clock.Elapsed < timeout)
        {
            JsonElement response = await _node.CallAsync("get_cron_status", new[] { hash });
            status = response.GetProperty("result");
            if (status.ValueKind == JsonValueKind.Object && status.GetProperty("state").GetString() == state)
            {
                return status;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"cron {hash} never reached state {state}; last status {status}");
    }

    private static JsonElement[] Crons(string stdout)
    {
        using JsonDocument document = JsonDocument.Parse(stdout);
        return document.RootElement.GetProperty("crons").EnumerateArray().Select(c => c.Clone()).ToArray();
    }

    private static JsonElement SingleCron(string stdout) => Crons(stdout).Should().ContainSingle().Subject;

    private static long ReceiptStatus(string stdout)
    {
        using JsonDocument document = JsonDocument.Parse(stdout);
        return document.RootElement.GetProperty("status").GetInt64();
    }
}
