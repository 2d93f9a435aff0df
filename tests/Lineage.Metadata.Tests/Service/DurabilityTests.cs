// SPDX-License-Identifier: Apache-2.0

using Lineage.Metadata.Model;
using Lineage.Metadata.Tests.Support;
using Lineage.Node.Storage;

namespace Lineage.Metadata.Tests.Service;

public sealed class DurabilityTests
{
    [Fact]
    public async Task Acknowledged_writes_survive_a_restart()
    {
        await using ServiceHarness harness = await ServiceHarness.StartAsync();
        var (result, _) = await harness.PublishAsync(Fixtures.Request("dummy-metadata.json"));
        await harness.RestartAsync();
        (await harness.Service.GetTransactionReceiptAsync(result.TransactionHash, CancellationToken.None)).Receipt!.Status.Should().Be(ReceiptStatus.Success);
        var history = await harness.Service.GetMetadataWithHistoryAsync("21d7zhefyND97abvvBwNp5AYP2geVxrboW44prVkXhmv", "0x01",
            "0xee1f0084514f12e6f02557e43f76669d81ef0022", "", "21d7zhefyND97abvvBwNp5AYP2geVxrboW44prVkXhmv", CancellationToken.None);
        history.Success.Should().BeTrue(history.ErrMsg);
    }

    [Fact]
    public async Task Pending_transactions_left_by_a_crash_are_executed_on_start()
    {
        await using ServiceHarness harness = await ServiceHarness.StartAsync();
        await harness.Service.DisposeAsync();

        // Simulate a crash between acceptance and execution: a pending row without a receipt.
        TransactionRequest golden = Fixtures.Request("dummy-metadata.json");
        using (var store = new SqliteLineageStore(Path.Combine(harness.DataDirectory, LineageStorage.DatabaseFileName)))
        using (var session = store.BeginWrite())
        {
            session.InsertTransaction(new Transaction
            {
                Hash = "3ajUZN3F8rgwfL2jxvg4jXKNe2urBycywan2p1hTn7hn",
                Method = golden.Method,
                MetaContractId = golden.MetaContractId,
                DataKey = "21d7zhefyND97abvvBwNp5AYP2geVxrboW44prVkXhmv",
                TokenKey = "724Xu9NeKHoMvvBc7ov5VBmuLsj4S9QF1urnqGNPp7Vc",
                Data = golden.Data,
                PublicKey = golden.PublicKey,
                Alias = golden.Alias,
                Timestamp = 1,
                ChainId = golden.ChainId,
                TokenAddress = golden.TokenAddress,
                TokenId = golden.TokenId,
                Version = golden.Version,
                Mcdata = golden.Mcdata,
                Status = TransactionStatus.Pending,
            }).Should().BeTrue();
            session.Commit();
        }

        await harness.RestartAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        TransactionReceipt receipt = await harness.Service.WaitForReceiptAsync("3ajUZN3F8rgwfL2jxvg4jXKNe2urBycywan2p1hTn7hn", timeout.Token);
        receipt.Status.Should().Be(ReceiptStatus.Success, receipt.ErrorText);
        (await harness.Service.GetPendingTransactionsAsync(timeout.Token)).Transactions.Should().BeEmpty();
        (await harness.Service.GetMetadatasAllVersionAsync("21d7zhefyND97abvvBwNp5AYP2geVxrboW44prVkXhmv", timeout.Token)).Metadatas.Should().HaveCount(3);
    }
}
