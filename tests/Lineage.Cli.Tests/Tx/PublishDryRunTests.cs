// SPDX-License-Identifier: Apache-2.0

using System.Text.Json;
using Lineage.Cli.Tests.Support;
using Lineage.Client.Model;
using Lineage.Node.Tests.Support;

namespace Lineage.Cli.Tests.Tx;

/// <summary><c>lineage tx publish … --dry-run</c>: the signed request each method builds, checked with ethers.</summary>
public sealed class PublishDryRunTests : IAsyncLifetime, IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("lineage-cli-tx-").FullName;
    private readonly EthersHarness _ethers = new();
    private string _keyFile = "";
    private string _address = "";

    public async Task InitializeAsync()
    {
        _keyFile = Path.Combine(_directory, "key.json");
        CliRunner.Result created = await CliRunner.RunAsync("key", "new", "--out", _keyFile);
        _address = created.Stdout.Trim();
    }

    public Task DisposeAsync()
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _ethers.Dispose();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public async Task Metadata_request_carries_data_verbatim_and_a_signature_ethers_accepts()
    {
        const string data = "{\"name\":\"x'; DROP TABLE metadatas; --\",\"cmd\":\"$(touch /tmp/pwned)\"}";
        TransactionRequest request = await DryRunAsync(
            "metadata", "--chain-id", "80001", "--token-address", "0x0692f233614802D06e86CBDE6b5D090A9F5d3c10", "--token-id", "1",
            "--alias", "name", "--version", "1", "--meta-contract-id", "0x01", "--mcdata", "{\"loose\":1}", "--data", data);
        request.Method.Should().Be("metadata");
        request.Data.Should().Be(data);
        request.PublicKey.Should().Be(_address);
        request.Mcdata.Should().Be("{\"loose\":1}");
        (await _ethers.RecoverAsync(data, request.Signature)).Should().BeEquivalentTo(_address);
    }

    [Fact]
    public async Task Contract_request_builds_the_reference_data_object()
    {
        TransactionRequest request = await DryRunAsync(
            "contract", "--meta-contract-id", "9d5c269e-d893-48fe-a1b7-545929da8d5e", "--migrate-from", "17a320dd-824e-49eb-9465-eee74b57b547");
        request.Data.Should().Be("{\"is_registry\":false,\"registry_id\":\"\",\"registry_name\":\"\",\"meta_contract_id\":\"9d5c269e-d893-48fe-a1b7-545929da8d5e\",\"migrate_from\":\"17a320dd-824e-49eb-9465-eee74b57b547\"}");
        (await _ethers.RecoverAsync(request.Data, request.Signature)).Should().BeEquivalentTo(_address);
    }

    [Fact]
    public async Task Cron_and_clone_requests_build_their_data_objects()
    {
        TransactionRequest cron = await DryRunAsync(
            "cron", "--meta-contract-id", "mc", "--address", "0xd7b94daeebaf778fd37de3082e3944c49ed10bae", "--chain", "80001",
            "--topic", "0x957f358702a4cd1c866fb29aefe080a9a56303adf02d47a081a56707d2d30033", "--rpc-url", "http://127.0.0.1:8545");
        using (JsonDocument data = JsonDocument.Parse(cron.Data))
        {
            data.RootElement.GetProperty("action").GetString().Should().Be("create");
            data.RootElement.GetProperty("token_type").GetString().Should().Be("erc721");
            data.RootElement.GetProperty("status").GetInt32().Should().Be(1);
            data.RootElement.GetProperty("node_url").GetString().Should().Be("http://127.0.0.1:8545");
        }

        TransactionRequest clone = await DryRunAsync(
            "clone", "--origin-data-key", "dk", "--origin-meta-contract-id", "0x01", "--origin-public-key", "0x01", "--origin-alias", "name", "--origin-version", "1");
        clone.Data.Should().Be("{\"origin_data_key\":\"dk\",\"origin_meta_contract_id\":\"0x01\",\"origin_public_key\":\"0x01\",\"origin_alias\":\"name\",\"origin_version\":\"1\"}");
    }

    [Fact]
    public async Task Data_file_is_read_verbatim()
    {
        string file = Path.Combine(_directory, "content.json");
        string content = "{\n  \"image\": \"ipfs://bafy\" ,\"n\":1.50}\n";
        File.WriteAllText(file, content);
        TransactionRequest request = await DryRunAsync("metadata", "--data-file", file);
        request.Data.Should().Be(content);
    }

    [Fact]
    public async Task Missing_key_or_data_are_usage_errors_and_unreachable_node_is_a_one_line_failure()
    {
        CliRunner.Result noData = await CliRunner.RunAsync("tx", "publish", "metadata", "--key", _keyFile);
        noData.ExitCode.Should().Be(2);
        noData.Stderr.Trim().Should().Be("lineage: error: metadata needs --data or --data-file");

        CliRunner.Result badKey = await CliRunner.RunAsync("tx", "publish", "metadata", "--key", Path.Combine(_directory, "none.json"), "--data", "x");
        badKey.ExitCode.Should().Be(2);

        CliRunner.Result unreachable = await CliRunner.RunAsync("tx", "publish", "metadata", "--key", _keyFile, "--data", "x", "--node", "http://127.0.0.1:9");
        unreachable.ExitCode.Should().Be(1);
        unreachable.Stderr.Trim().Should().StartWith("lineage: error: cannot reach the node").And.NotContain("\n");

        CliRunner.Result badUrl = await CliRunner.RunAsync("tx", "receipt", "abc", "--node", "ftp://x");
        badUrl.ExitCode.Should().Be(2);
    }

    private async Task<TransactionRequest> DryRunAsync(string method, params string[] args)
    {
        CliRunner.Result result = await CliRunner.RunAsync(["tx", "publish", method, "--key", _keyFile, "--dry-run", .. args]);
        result.ExitCode.Should().Be(0, result.Stderr);
        return JsonSerializer.Deserialize<TransactionRequest>(result.Stdout)!;
    }
}
