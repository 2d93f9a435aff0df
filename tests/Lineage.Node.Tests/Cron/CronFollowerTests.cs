// SPDX-License-Identifier: Apache-2.0

using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Lineage.Client.Signing;
using Lineage.Metadata.Cron;
using Lineage.Metadata.Model;

namespace Lineage.Node.Tests.Cron;

/// <summary>The mint watcher end to end: real ganache, real SQLite, the domain service, the follower.</summary>
[Collection(SharedGanache.Name)]
public sealed class CronFollowerTests(GanacheFixture fixture)
{
    private const string MintContract = "mint-mc";

    private GanacheChain Chain => fixture.Chain;

    [Fact]
    public async Task MintedTokensGetMetadataRowsAndBlocksWithoutPrevious()
    {
        await using CronTestNode node = await CronTestNode.StartAsync();
        string contract = await Chain.DeployAsync();
        var owner = EthereumSigner.Generate();
        CronRecord cron = await node.CreateCronAsync(owner, Chain, contract, MintContract);
        cron.Status.Should().Be(CronActions.StatusEnabled);

        await Chain.MintAsync("1", contract: contract);
        await Chain.MintAsync("2", Encoding.UTF8.GetBytes("{\"beats\":3}"), "ignored-key", contract);
        await Chain.MintAsync("3", contract: contract);

        foreach (string tokenId in new[] { "1", "2", "3" })
        {
            await CronTestNode.EventuallyAsync(async () => (await node.RowsAsync(Chain.ChainId, contract, tokenId)).Count >= 8, $"rows of token {tokenId}");
            IReadOnlyList<MetadataRecord> rows = await node.RowsAsync(Chain.ChainId, contract, tokenId);
            string dataKey = node.Service.GenerateDataKey(Chain.ChainId, contract, tokenId);
            rows.Should().OnlyContain(r => r.DataKey == dataKey && r.TokenId == tokenId && r.TokenKey == cron.TokenKey);
            rows.Where(r => r.MetaContractId == "0x01").Select(r => r.Alias).Should().Contain(["token", "lineage_key", "name"]);
            rows.Where(r => r.MetaContractId == MintContract).Should().NotBeEmpty("the collection's main contract runs too");
            rows.Select(r => (r.MetaContractId, r.PublicKey, r.Alias, r.Version)).Should().OnlyHaveUniqueItems();
            foreach (MetadataRecord row in rows)
            {
                IpfsGetResult block = await node.Service.IpfsGetAsync(row.Cid, CancellationToken.None);
                block.Success.Should().BeTrue(block.Error);
                using JsonDocument parsed = JsonDocument.Parse(block.Content);
                // No previous block: the field is absent or the reference's placeholder string "{}" (D16), never a link.
                if (parsed.RootElement.TryGetProperty("previous", out JsonElement previous))
                {
                    previous.ValueKind.Should().Be(JsonValueKind.String, "cron blocks have no previous link");
                    previous.GetString().Should().Be("{}");
                }

                parsed.RootElement.GetProperty("transaction").EnumerateObject().Should().BeEmpty("cron blocks carry transaction {}");
                parsed.RootElement.TryGetProperty("content", out _).Should().BeTrue();
            }

            MetadataRecord token = rows.Single(r => r.MetaContractId == "0x01" && r.Alias == "token");
            IpfsGetResult tokenBlock = await node.Service.IpfsGetAsync(token.Cid, CancellationToken.None);
            using JsonDocument tokenJson = JsonDocument.Parse(tokenBlock.Content);
            JsonElement content = tokenJson.RootElement.GetProperty("content");
            content.GetProperty("id").GetString().Should().Be(tokenId);
            content.GetProperty("chain").GetString().Should().Be(Chain.ChainId);
        }

        // The cron tx is recorded after an event's rows (the reference's last step), so wait for all three.
        await CronTestNode.EventuallyAsync(
            async () => (await node.Service.SearchCronTxAsync(contract, Chain.ChainId, cron.Topic, CancellationToken.None)).CronTxs.Count >= 3
                && node.Status(cron.Hash).EventsProcessed >= 3,
            "cron txs of all three mints");
        CronTxsResult recorded = await node.Service.SearchCronTxAsync(contract, Chain.ChainId, cron.Topic, CancellationToken.None);
        recorded.CronTxs.Select(t => t.TokenId).Should().BeEquivalentTo(["1", "2", "3"]);
        CronStatus status = node.Status(cron.Hash);
        status.EventsProcessed.Should().Be(3);
        status.LastError.Should().BeEmpty();
        (await node.Service.GetCronLatestBlockAsync(cron.Hash, CancellationToken.None)).Should().BeGreaterThan(0);
    }

    [Fact]
    public async Task RestartMidStreamLeavesNoDuplicatesAndNoGaps()
    {
        await using CronTestNode node = await CronTestNode.StartAsync();
        string contract = await Chain.DeployAsync();
        var owner = EthereumSigner.Generate();
        CronRecord cron = await node.CreateCronAsync(owner, Chain, contract, MintContract);

        var txs = new List<MintReceipt>();
        for (int i = 1; i <= 20; i++)
        {
            txs.Add(await Chain.MintAsync(i.ToString(System.Globalization.CultureInfo.InvariantCulture), contract: contract));
        }

        txs.Add(await Chain.MintBatchAsync(100, 150, contract));

        // Stop the node while the backlog is being worked through, mint more while it is down, start it again.
        await CronTestNode.EventuallyAsync(() => Task.FromResult(node.Status(cron.Hash).EventsProcessed >= 3), "first events");
        await node.RestartAsync();
        for (int i = 21; i <= 25; i++)
        {
            txs.Add(await Chain.MintAsync(i.ToString(System.Globalization.CultureInfo.InvariantCulture), contract: contract));
        }

        await node.RestartAsync();
        IEnumerable<string> tokens = Enumerable.Range(1, 25).Concat(Enumerable.Range(100, 150))
            .Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await CronTestNode.EventuallyAsync(
            async () => (await node.Service.SearchCronTxAsync(contract, Chain.ChainId, cron.Topic, CancellationToken.None)).CronTxs.Count == txs.Count,
            "every mint transaction recorded");

        CronTxsResult recorded = await node.Service.SearchCronTxAsync(contract, Chain.ChainId, cron.Topic, CancellationToken.None);
        recorded.CronTxs.Select(t => t.TxHash).Should().BeEquivalentTo(txs.Select(t => t.TransactionHash), "one record per mint transaction, none twice");
        foreach (string tokenId in tokens)
        {
            IReadOnlyList<MetadataRecord> rows = await node.RowsAsync(Chain.ChainId, contract, tokenId);
            rows.Should().HaveCount(8, $"token {tokenId} has every row exactly once");
        }

        (await node.Service.GetCronLatestBlockAsync(cron.Hash, CancellationToken.None)).Should().Be(txs.Max(t => t.BlockNumber));
    }

    [Fact]
    public async Task DisabledCronStopsAndOnlyItsCreatorMayDisableIt()
    {
        await using CronTestNode node = await CronTestNode.StartAsync();
        string watched = await Chain.DeployAsync();
        string clock = await Chain.DeployAsync();
        var owner = EthereumSigner.Generate();
        CronRecord cron = await node.CreateCronAsync(owner, Chain, watched, MintContract);
        CronRecord clockCron = await node.CreateCronAsync(owner, Chain, clock, "clock-mc");
        await Chain.MintAsync("1", contract: watched);
        await CronTestNode.EventuallyAsync(async () => (await node.RowsAsync(Chain.ChainId, watched, "1")).Count == 8, "token 1 while enabled");

        var stranger = EthereumSigner.Generate();
        string disable = CronTestNode.CronData("update_status", cron.Hash, watched, Chain.ChainId, 0, Chain.RpcUrl);
        TransactionReceipt refused = await node.PublishAsync(stranger, "cron", MintContract, disable, Chain.ChainId, watched);
        refused.Status.Should().Be(2, "only the creator may update a cron");

        TransactionReceipt disabled = await node.PublishAsync(owner, "cron", MintContract, disable, Chain.ChainId, watched);
        disabled.Status.Should().Be(1, disabled.ErrorText);
        node.Watcher.Refresh();
        await CronTestNode.EventuallyAsync(() => Task.FromResult(node.Status(cron.Hash).State == "stopped"), "the follower to stop");

        // Mint on the disabled collection, then on a still-enabled one: once the enabled cron has processed its
        // later mint, the disabled cron would have processed the earlier one had it still been running.
        await Chain.MintAsync("2", contract: watched);
        await Chain.MintAsync("1", contract: clock);
        await CronTestNode.EventuallyAsync(async () => (await node.RowsAsync(Chain.ChainId, clock, "1")).Count > 0, "the enabled cron's mint");
        (await node.RowsAsync(Chain.ChainId, watched, "2")).Should().BeEmpty("a disabled cron processes nothing");
        node.Status(clockCron.Hash).State.Should().Be("following");
    }

    [Fact]
    public async Task MalformedLogsAreReportedAndFollowingGoesOn()
    {
        await using CronTestNode node = await CronTestNode.StartAsync();
        string contract = await Chain.DeployAsync();
        CronRecord cron = await node.CreateCronAsync(EthereumSigner.Generate(), Chain, contract, MintContract);

        MintReceipt bad = await Chain.EmitRawMintedAsync([0xde, 0xad, 0xbe, 0xef], contract);
        byte[] badPayload = new byte[96];
        badPayload[31] = 7;
        badPayload[63] = 9;
        badPayload[95] = 0xFF; // offset of `bytes data` points far outside the data
        await Chain.EmitRawMintedAsync(badPayload, contract);
        await Chain.MintAsync("5", contract: contract);

        await CronTestNode.EventuallyAsync(async () => (await node.RowsAsync(Chain.ChainId, contract, "5")).Count == 8, "the good mint after the bad logs");
        CronStatus status = node.Status(cron.Hash);
        status.FailedEvents.Should().Be(2);
        status.RecentFailures.Should().Contain(f => f.TransactionHash == bad.TransactionHash && f.Error.Contains("malformed Minted log"));
        status.LastError.Should().Contain("malformed ABI data at byte");
        status.State.Should().Be("following");
    }

    [Fact]
    public async Task UnreachableAndGarbageEndpointsAreClearErrorsWhileTheNodeKeepsServing()
    {
        await using CronTestNode node = await CronTestNode.StartAsync();
        var owner = EthereumSigner.Generate();
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int closedPort = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        await using var garbage = new CannedHttpServer(CannedHttpServer.Ok("<html>surprise</html>", "text/html"));

        string unreachableContract = await Chain.DeployAsync();
        string garbageContract = await Chain.DeployAsync();
        string healthyContract = await Chain.DeployAsync();
        CronRecord unreachable = await node.CreateCronAsync(owner, Chain, unreachableContract, "mc-a", new Uri($"http://127.0.0.1:{closedPort}/v2/key"));
        CronRecord broken = await node.CreateCronAsync(owner, Chain, garbageContract, "mc-b", garbage.Url);
        CronRecord healthy = await node.CreateCronAsync(owner, Chain, healthyContract, "mc-c");

        await CronTestNode.EventuallyAsync(() => Task.FromResult(node.Status(unreachable.Hash).LastError.Length > 0), "the unreachable error");
        await CronTestNode.EventuallyAsync(() => Task.FromResult(node.Status(broken.Hash).LastError.Length > 0), "the garbage error");
        CronStatus down = node.Status(unreachable.Hash);
        down.State.Should().Be("backing_off");
        down.LastError.Should().Contain("Unreachable").And.Contain($"127.0.0.1:{closedPort}").And.NotContain("/v2/key");
        CronStatus confused = node.Status(broken.Hash);
        confused.State.Should().Be("backing_off");
        confused.LastError.Should().Contain("MalformedResponse").And.Contain("not JSON").And.NotContain("secret-api-key");

        await Chain.MintAsync("9", contract: healthyContract);
        await CronTestNode.EventuallyAsync(async () => (await node.RowsAsync(Chain.ChainId, healthyContract, "9")).Count == 8, "the healthy cron's mint");
        node.Status(healthy.Hash).LastError.Should().BeEmpty();
        (await node.Service.GetAllCronsAsync(CancellationToken.None)).Crons.Should().HaveCount(3);
    }

    [Fact]
    public async Task ReorgIsDetectedAndTheNewBranchIsProcessed()
    {
        await using CronTestNode node = await CronTestNode.StartAsync();
        string contract = await Chain.DeployAsync();
        CronRecord cron = await node.CreateCronAsync(EthereumSigner.Generate(), Chain, contract, MintContract);
        await Chain.MintAsync("1", contract: contract);
        await CronTestNode.EventuallyAsync(() => Task.FromResult(node.Status(cron.Hash).EventsProcessed == 1), "token 1");

        string snapshot = await Chain.SnapshotAsync();
        MintReceipt orphan = await Chain.MintAsync("2", contract: contract);
        await CronTestNode.EventuallyAsync(() => Task.FromResult(node.Status(cron.Hash).EventsProcessed == 2), "token 2 on the old branch");
        await Chain.RevertAsync(snapshot);
        MintReceipt replacement = await Chain.MintAsync("3", contract: contract);
        replacement.BlockNumber.Should().Be(orphan.BlockNumber, "the new branch reuses the height");
        await Chain.MintAsync("4", contract: contract);

        await CronTestNode.EventuallyAsync(async () => (await node.RowsAsync(Chain.ChainId, contract, "4")).Count == 8, "token 4 on the new branch");
        (await node.RowsAsync(Chain.ChainId, contract, "3")).Should().HaveCount(8);
        node.Status(cron.Hash).Reorgs.Should().BeGreaterThanOrEqualTo(1);
    }

    [Fact]
    public async Task ConfirmationsDelayProcessingUntilTheBlockIsBuried()
    {
        await using CronTestNode node = await CronTestNode.StartAsync(new CronFollowerOptions
        {
            PollInterval = TimeSpan.FromMilliseconds(100),
            Confirmations = 2,
        });
        string contract = await Chain.DeployAsync();
        CronRecord cron = await node.CreateCronAsync(EthereumSigner.Generate(), Chain, contract, MintContract);
        MintReceipt mint = await Chain.MintAsync("1", contract: contract);

        await CronTestNode.EventuallyAsync(
            () => Task.FromResult(node.Status(cron.Hash) is { HeadBlock: { } head, ScannedBlock: { } scanned } && head >= mint.BlockNumber && scanned == head - 2),
            "the follower to scan up to head - 2");
        node.Status(cron.Hash).ScannedBlock.Should().BeLessThan(mint.BlockNumber);
        (await node.RowsAsync(Chain.ChainId, contract, "1")).Should().BeEmpty("the block has 0 confirmations");

        await Chain.MineAsync(2);
        await CronTestNode.EventuallyAsync(async () => (await node.RowsAsync(Chain.ChainId, contract, "1")).Count == 8, "token 1 after 2 confirmations");
    }

    [Fact]
    public async Task NewHeadsOverWebSocketWakeTheFollowerLongBeforeItsPollInterval()
    {
        // A one-minute poll interval: only ganache's eth_subscribe("newHeads") notification can make this quick.
        await using CronTestNode node = await CronTestNode.StartAsync(new CronFollowerOptions { PollInterval = TimeSpan.FromMinutes(1) });
        string contract = await Chain.DeployAsync();
        CronRecord cron = await node.CreateCronAsync(EthereumSigner.Generate(), Chain, contract, MintContract);
        await CronTestNode.EventuallyAsync(() => Task.FromResult(node.Status(cron.Hash) is { State: "following", ScannedBlock: not null }), "the first poll");
        await Task.Delay(TimeSpan.FromSeconds(1)); // let the subscription settle after the first poll

        var clock = System.Diagnostics.Stopwatch.StartNew();
        await Chain.MintAsync("1", contract: contract);
        await CronTestNode.EventuallyAsync(
            async () => (await node.RowsAsync(Chain.ChainId, contract, "1")).Count == 8, "token 1 woken by the new head", TimeSpan.FromSeconds(20));
        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(20), "the poll interval is a minute");
    }
}
