// SPDX-License-Identifier: Apache-2.0

using System.Text.Json;
using Lineage.Metadata.Keys;
using Lineage.Metadata.Model;
using Lineage.Metadata.Tests.Support;

namespace Lineage.Metadata.Tests.Service;

public sealed class OrderingTests
{
    [Fact]
    public async Task Concurrent_writers_each_transaction_executes_once_in_per_row_order()
    {
        await using ServiceHarness harness = await ServiceHarness.StartAsync();
        TestSigner owner = TestSigner.NewSecp256k1();
        string contractId = Guid.NewGuid().ToString();
        (await harness.PublishAsync(owner.Request(TransactionMethods.Contract, $"{{\"meta_contract_id\":\"{contractId}\"}}"))).Receipt.Status.Should().Be(ReceiptStatus.Success);

        const int writers = 8;
        const int perWriter = 25;
        TestSigner[] signers = Enumerable.Range(0, writers).Select(_ => TestSigner.NewSecp256k1()).ToArray();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        // Each writer updates its own row and a shared row (alias "shared" under the same owner key), sequentially.
        TestSigner sharedOwner = TestSigner.NewEd25519();
        var sharedRequests = new System.Collections.Concurrent.ConcurrentQueue<(int Writer, int Step, string Hash)>();
        await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            for (int step = 0; step < perWriter; step++)
            {
                var own = await harness.Service.PublishAsync(signers[w].Request(TransactionMethods.Metadata, $"{{\"w\":{w},\"step\":{step}}}", contractId, "own", "1"), timeout.Token);
                var shared = await harness.Service.PublishAsync(sharedOwner.Request(TransactionMethods.Metadata, $"{{\"w\":{w},\"step\":{step}}}", contractId, "shared", "1"), timeout.Token);
                sharedRequests.Enqueue((w, step, shared.TransactionHash));
                (await harness.Service.GetTransactionReceiptAsync(own.TransactionHash, timeout.Token)).Receipt!.Status.Should().Be(ReceiptStatus.Success);
            }
        })));

        string dataKey = LineageKeys.DataKey("80001", "0x0692f233614802D06e86CBDE6b5D090A9F5d3c10", "1");
        for (int w = 0; w < writers; w++)
        {
            var own = await harness.Service.GetMetadataWithHistoryAsync(dataKey, contractId, signers[w].PublicKey, "own", "1", timeout.Token);
            var steps = new[] { own.Metadata }.Concat(own.History).Reverse()
                .Select(b => JsonDocument.Parse(b).RootElement.GetProperty("content").GetProperty("step").GetInt32()).ToList();
            steps.Should().Equal(Enumerable.Range(0, perWriter), "each writer's row holds its updates once, in order");
        }

        var sharedHistory = await harness.Service.GetMetadataWithHistoryAsync(dataKey, contractId, sharedOwner.PublicKey, "shared", "1", timeout.Token);
        var blocks = new[] { sharedHistory.Metadata }.Concat(sharedHistory.History).Reverse().Select(b => JsonDocument.Parse(b).RootElement).ToList();
        blocks.Should().HaveCount(writers * perWriter, "every accepted update to the shared row executed exactly once");
        blocks.Select(b => b.GetProperty("transaction").GetProperty("hash").GetString()).Should().OnlyHaveUniqueItems()
            .And.BeEquivalentTo(sharedRequests.Select(r => r.Hash));
        for (int w = 0; w < writers; w++)
        {
            blocks.Where(b => b.GetProperty("content").GetProperty("w").GetInt32() == w)
                .Select(b => b.GetProperty("content").GetProperty("step").GetInt32())
                .Should().Equal(Enumerable.Range(0, perWriter), "a writer's sequential updates keep their order in the shared row");
        }
    }
}
