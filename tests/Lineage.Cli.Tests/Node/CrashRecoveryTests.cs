// SPDX-License-Identifier: Apache-2.0

using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Lineage.Cli.Tests.Support;
using Lineage.Client;
using Lineage.Client.Model;
using Lineage.Client.Signing;

namespace Lineage.Cli.Tests.Node;

/// <summary>kill -9 under write load, restart on the same data directory: nothing acknowledged is lost.</summary>
public sealed class CrashRecoveryTests : IDisposable
{
    private const int Writers = 8;
    private const int RowsPerWriter = 4;
    private readonly string _directory = Directory.CreateTempSubdirectory("lineage-crash-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Acknowledged_transactions_and_rows_survive_kill_9()
    {
        var signer = EthereumSigner.Generate();
        const string chain = "80001";
        const string collection = "0xc0ffee0000000000000000000000000000000001";
        const string mc = "crash-test-contract";
        var acked = new ConcurrentBag<(string Hash, string TokenId, string Data)>();

        using (NodeProcess first = await NodeProcess.StartAsync(_directory))
        using (var client = new LineageClient(first.Address))
        {
            using (var bindTimeout = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
            {
                TransactionRequest bind = new TransactionRequest
                {
                    Method = "contract", MetaContractId = mc, ChainId = chain, TokenAddress = collection,
                    Data = $"{{\"is_registry\":false,\"registry_id\":\"\",\"registry_name\":\"\",\"meta_contract_id\":\"{mc}\",\"migrate_from\":\"\"}}",
                }.SignWith(signer);
                PublishResult bound = await client.PublishAsync(bind, bindTimeout.Token);
                (await client.WaitForReceiptAsync(bound.TransactionHash, bindTimeout.Token)).Status.Should().Be(1);
            }

            // Writers update their own rows in turn (so rows grow history) until the node dies under them.
            using var stop = new CancellationTokenSource();
            Task[] writers = [.. Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
            {
                for (int i = 0; !stop.IsCancellationRequested; i++)
                {
                    string tokenId = (w * RowsPerWriter + (i % RowsPerWriter)).ToString(CultureInfo.InvariantCulture);
                    string data = $"{{\"writer\":{w},\"seq\":{i}}}";
                    TransactionRequest request = new TransactionRequest
                    {
                        Method = "metadata", MetaContractId = mc, ChainId = chain, TokenAddress = collection, TokenId = tokenId,
                        Alias = "state", Version = "1", Data = data,
                    }.SignWith(signer);
                    try
                    {
                        PublishResult published = await client.PublishAsync(request, stop.Token);
                        acked.Add((published.TransactionHash, tokenId, data));
                    }
                    catch (Exception ex) when (ex is LineageClientException or OperationCanceledException or LineageRpcException)
                    {
                        return; // the node is gone: anything not acknowledged may or may not have been kept
                    }
                }
            }))];

            using (var loadTimeout = new CancellationTokenSource(TimeSpan.FromSeconds(60)))
            {
                while (acked.Count < 400 && !loadTimeout.IsCancellationRequested)
                {
                    await Task.Delay(20, loadTimeout.Token).ContinueWith(_ => { }, TaskScheduler.Default);
                }
            }

            first.KillHard();
            await stop.CancelAsync();
            await Task.WhenAll(writers).WaitAsync(TimeSpan.FromSeconds(60));
        }

        acked.Count.Should().BeGreaterThanOrEqualTo(400);

        using NodeProcess second = await NodeProcess.StartAsync(_directory);
        using var reader = new LineageClient(second.Address);
        using var verifyTimeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        foreach ((string hash, _, _) in acked)
        {
            TransactionReceipt receipt = await reader.WaitForReceiptAsync(hash, verifyTimeout.Token);
            receipt.Status.Should().Be(1, $"acknowledged transaction {hash} must execute: {receipt.ErrorText}");
        }

        foreach (IGrouping<string, (string Hash, string TokenId, string Data)> row in acked.GroupBy(a => a.TokenId))
        {
            string dataKey = await reader.GenerateDataKeyAsync(chain, collection, row.Key, verifyTimeout.Token);
            MetadataHistoryResult history = await reader.GetMetadataWithHistoryAsync(dataKey, mc, signer.PublicKey, "state", "1", verifyTimeout.Token);
            history.Success.Should().BeTrue(history.ErrMsg);
            var contents = new HashSet<string>(
                new[] { history.Metadata }.Concat(history.History).Select(block =>
                {
                    using JsonDocument document = JsonDocument.Parse(block);
                    return Key(document.RootElement.GetProperty("content"));
                }),
                StringComparer.Ordinal);
            foreach ((string hash, _, string data) in row)
            {
                contents.Should().Contain(Key(JsonSerializer.Deserialize<JsonElement>(data)), $"the block of acknowledged transaction {hash} is in token {row.Key}'s history");
            }
        }
    }

    // Block content is dag-json (keys re-ordered), so compare the fields, not the text.
    private static string Key(JsonElement content) =>
        $"{content.GetProperty("writer").GetInt32()}/{content.GetProperty("seq").GetInt32()}";
}
