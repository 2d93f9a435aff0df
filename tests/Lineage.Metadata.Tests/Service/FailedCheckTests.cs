// SPDX-License-Identifier: Apache-2.0

using System.Text.Json;
using Lineage.Metadata.Keys;
using Lineage.Metadata.Model;
using Lineage.Metadata.Service;
using Lineage.Metadata.Tests.Support;

namespace Lineage.Metadata.Tests.Service;

/// <summary>Each publish check failing: recorded as failed with a receipt saying why, and nothing executed (D2 fixed).</summary>
public sealed class FailedCheckTests
{
    private static readonly CancellationToken s_none = CancellationToken.None;

    private static async Task<long> CountRowsAsync(ServiceHarness harness) =>
        (long)await harness.Service.SearchMetadatasCountAsync(new Lineage.Metadata.Queries.SearchFilter(), s_none);

    private static async Task ExpectFailedAndNothingExecutedAsync(ServiceHarness harness, TransactionRequest request, string reason)
    {
        long rowsBefore = await CountRowsAsync(harness);
        int bindingsBefore = (await harness.Service.GetAllCronsAsync(s_none)).Crons.Count;
        var (result, receipt) = await harness.PublishAsync(request);
        receipt.Status.Should().Be(ReceiptStatus.Failed);
        receipt.ErrorText.Should().Contain(reason);
        (await harness.Service.GetTransactionAsync(result.TransactionHash, s_none)).Transaction!.Status.Should().Be(TransactionStatus.Failed);
        (await CountRowsAsync(harness)).Should().Be(rowsBefore);
        (await harness.Service.GetAllCronsAsync(s_none)).Crons.Should().HaveCount(bindingsBefore);
        (await harness.Service.GetPendingTransactionsAsync(s_none)).Transactions.Should().BeEmpty();
    }

    [Fact]
    public async Task Bad_signature_fails_and_does_not_block_the_genuine_request()
    {
        await using ServiceHarness harness = await ServiceHarness.StartAsync();
        TransactionRequest golden = Fixtures.Request("dummy-metadata.json");
        TransactionRequest forged = golden with { Signature = TestSigner.NewSecp256k1().Sign(golden.Data) };
        await ExpectFailedAndNothingExecutedAsync(harness, forged, "invalid signature");

        // Same hash (the signature is not hashed): the genuine request replaces the failed one and executes.
        var (result, receipt) = await harness.PublishAsync(golden);
        result.Duplicate.Should().BeFalse();
        receipt.Status.Should().Be(ReceiptStatus.Success, receipt.ErrorText);
        (await CountRowsAsync(harness)).Should().Be(3);
    }

    [Theory]
    [InlineData("0x24eb6c01fea817d1ec9c756d723299b8fc7344ca9d59c53881892ea109e37d20320e30a29e8de64da708a2daf689e13f632b080c22416ad039e69040a99b9b2007", "invalid signature v = 7")]
    [InlineData("0x24eb", "65 bytes")]
    [InlineData("not hex at all", "hex")]
    [InlineData("", "missing signature")]
    public async Task Malformed_signatures_fail_clearly(string signature, string reason)
    {
        await using ServiceHarness harness = await ServiceHarness.StartAsync();
        await ExpectFailedAndNothingExecutedAsync(harness, Fixtures.Request("dummy-metadata.json") with { Signature = signature }, reason);
    }

    [Fact]
    public async Task Each_method_check_fails_with_a_reason()
    {
        await using ServiceHarness harness = await ServiceHarness.StartAsync();
        TestSigner signer = TestSigner.NewSecp256k1();
        await ExpectFailedAndNothingExecutedAsync(harness, signer.Request("delete", "x", "0x01"), "invalid method");
        await ExpectFailedAndNothingExecutedAsync(harness, signer.Request(TransactionMethods.Metadata, "x", ""), "meta_contract_id is required");
        await ExpectFailedAndNothingExecutedAsync(harness, signer.Request(TransactionMethods.Metadata, "x", "unknown-contract", "a"), "neither bound nor a registry");
        await ExpectFailedAndNothingExecutedAsync(harness, signer.Request(TransactionMethods.Metadata, "x", "0x01", tokenId: ""), "token_id are required");
        await ExpectFailedAndNothingExecutedAsync(harness, signer.Request(TransactionMethods.Contract, "not json"), "invalid data format");
        await ExpectFailedAndNothingExecutedAsync(harness, signer.Request(TransactionMethods.Contract, "{\"meta_contract_id\":\"\"}"), "meta_contract_id is required");
        await ExpectFailedAndNothingExecutedAsync(harness, signer.Request(TransactionMethods.Contract, "{\"meta_contract_id\":\"x\",\"is_registry\":true,\"registry_id\":\"0x01\"}", chainId: ""), "reserved");
        await ExpectFailedAndNothingExecutedAsync(harness, signer.Request(TransactionMethods.Clone, "{\"origin_data_key\":\"nope\",\"origin_meta_contract_id\":\"0x01\"}"), "origin metadata does not exist");
        await ExpectFailedAndNothingExecutedAsync(harness, signer.Request(TransactionMethods.Cron, "{\"action\":\"create\",\"address\":\"0x1\"}"), "create needs");
        await ExpectFailedAndNothingExecutedAsync(harness, signer.Request(TransactionMethods.Cron, "{\"action\":\"update\",\"hash\":\"missing\",\"status\":1}"), "record not found");
        await ExpectFailedAndNothingExecutedAsync(harness, signer.Request(TransactionMethods.Cron, "{\"action\":\"explode\"}"), "invalid action");
        await ExpectFailedAndNothingExecutedAsync(harness, signer.Request(TransactionMethods.Metadata, "x", "0x01") with { PublicKey = "" }, "missing public_key");
    }

    [Fact]
    public async Task Collection_owner_and_clone_policies_are_enforced()
    {
        await using ServiceHarness harness = await ServiceHarness.StartAsync();
        TestSigner owner = TestSigner.NewSecp256k1();
        TestSigner intruder = TestSigner.NewSecp256k1();
        string contractId = Guid.NewGuid().ToString();
        (await harness.PublishAsync(owner.Request(TransactionMethods.Contract, $"{{\"meta_contract_id\":\"{contractId}\"}}"))).Receipt.Status.Should().Be(ReceiptStatus.Success);
        await ExpectFailedAndNothingExecutedAsync(harness, intruder.Request(TransactionMethods.Contract, $"{{\"meta_contract_id\":\"{Guid.NewGuid()}\"}}"), "invalid owner");
        await ExpectFailedAndNothingExecutedAsync(harness, intruder.Request(TransactionMethods.Contract, $"{{\"meta_contract_id\":\"{contractId}\"}}", chainId: ""), "invalid owner");

        // 0x01 rows may not be cloned (its on_clone is false), and a clone target must not exist yet.
        TransactionRequest golden = Fixtures.Request("dummy-metadata.json");
        (await harness.PublishAsync(golden)).Receipt.Status.Should().Be(ReceiptStatus.Success);
        string dataKey = "21d7zhefyND97abvvBwNp5AYP2geVxrboW44prVkXhmv";
        string clone = JsonSerializer.Serialize(new CloneData { OriginDataKey = dataKey, OriginMetaContractId = "0x01", OriginPublicKey = golden.PublicKey, OriginAlias = "", OriginVersion = dataKey }, LineageJsonContext.Default.CloneData);
        await ExpectFailedAndNothingExecutedAsync(harness, intruder.Request(TransactionMethods.Clone, clone, tokenId: "2"), "does not allow cloning");
        await ExpectFailedAndNothingExecutedAsync(harness, intruder.Request(TransactionMethods.Clone, clone, tokenId: "1"), "target already exists");
    }

    [Fact]
    public async Task Strict_mode_requires_a_matching_signed_target()
    {
        await using ServiceHarness harness = await ServiceHarness.StartAsync(new TransactionServiceOptions { StrictSigning = true });
        TestSigner signer = TestSigner.NewSecp256k1();
        static string Data(string alias, string previous = "") =>
            "{\"text\":\"hi\",\"lineage_target\":{\"method\":\"metadata\",\"chain_id\":\"80001\",\"token_address\":\"0x0692F233614802d06e86cbde6b5d090a9f5d3c10\",\"token_id\":\"1\",\"alias\":\"" + alias
            + "\",\"version\":\"1\",\"meta_contract_id\":\"0x01\"" + (previous.Length > 0 ? ",\"previous\":\"" + previous + "\"" : "") + "}}";

        await ExpectFailedAndNothingExecutedAsync(harness, Fixtures.Request("dummy-metadata.json"), "strict signing");
        await ExpectFailedAndNothingExecutedAsync(harness, signer.Request(TransactionMethods.Metadata, Data("other"), "0x01", "name", "1"), "lineage_target.alias does not match");
        await ExpectFailedAndNothingExecutedAsync(harness, signer.Request(TransactionMethods.Metadata, Data("name", "bafyreib36ovydhrcw66oaqlez56eg5viarz3rdeyaa7h7tnyfkoqv4zb2a"), "0x01", "name", "1"), "is not the row's current CID");
        var (_, receipt) = await harness.PublishAsync(signer.Request(TransactionMethods.Metadata, Data("name"), "0x01", "name", "1"));
        receipt.Status.Should().Be(ReceiptStatus.Success, receipt.ErrorText);
    }

    [Fact]
    public async Task Contract_results_for_foreign_owners_are_refused()
    {
        // A contract that writes under someone else's key (D9) fails the whole transaction, atomically.
        await using ServiceHarness harness = await ServiceHarness.StartAsync(new TransactionServiceOptions());
        TestSigner signer = TestSigner.NewSecp256k1();
        string contractId = Guid.NewGuid().ToString();
        (await harness.PublishAsync(signer.Request(TransactionMethods.Contract, $"{{\"meta_contract_id\":\"{contractId}\"}}"))).Receipt.Status.Should().Be(ReceiptStatus.Success);
        await using var hostile = new Lineage.Metadata.Service.TransactionService(
            new Lineage.Node.Storage.SqliteLineageStore(Path.Combine(harness.DataDirectory, "hostile.db")),
            resolver: new ForeignOwnerResolver(), ownsStore: true);
        await hostile.PublishAsync(signer.Request(TransactionMethods.Contract, $"{{\"meta_contract_id\":\"{contractId}\"}}"), s_none);
        var result = await hostile.PublishAsync(signer.Request(TransactionMethods.Metadata, "\"x\"", contractId, "a", "1"), s_none);
        var receipt = await hostile.WaitForReceiptAsync(result.TransactionHash, s_none);
        receipt.Status.Should().Be(ReceiptStatus.Failed);
        receipt.ErrorText.Should().Contain("may not write");
        (await hostile.SearchMetadatasCountAsync(new Lineage.Metadata.Queries.SearchFilter(), s_none)).Should().Be(0);
    }

    private sealed class ForeignOwnerResolver : Lineage.Metadata.Contracts.IMetaContractResolver
    {
        public Lineage.Metadata.Contracts.IMetaContract? Resolve(MetaContractBinding contract, string? registryId) => new ForeignOwnerContract();
    }

    private sealed class ForeignOwnerContract : Lineage.Metadata.Contracts.IMetaContract
    {
        public ValueTask<MetaContractResult> OnExecuteAsync(MetaContractBinding contract, IReadOnlyList<MetadataRecord> metadatas, Transaction transaction, CancellationToken cancellationToken) =>
            ValueTask.FromResult(MetaContractResult.Accept(
            [
                new FinalMetadata { PublicKey = transaction.PublicKey, Alias = "mine", Content = "ok" },
                new FinalMetadata { PublicKey = "0xvictim", Alias = "theirs", Content = "overwrite" },
            ]));

        public ValueTask<MetaContractResult> OnMintAsync(MetaContractBinding contract, string dataKey, string tokenId, string dataHex, CancellationToken cancellationToken) =>
            ValueTask.FromResult(MetaContractResult.Reject("no"));

        public ValueTask<MetaContractResult> OnPostMintAsync(IReadOnlyList<FinalMetadata> metadatas, MetaContractBinding contract, string dataKey, string tokenAddress, string chain, string tokenId, CancellationToken cancellationToken) =>
            ValueTask.FromResult(MetaContractResult.Reject("no"));

        public ValueTask<bool> OnCloneAsync(CancellationToken cancellationToken) => ValueTask.FromResult(false);
    }

    [Fact]
    public void Keys_are_derived_case_insensitively()
    {
        LineageKeys.TokenKey("80001", "0x0692F233614802D06E86CBDE6B5D090A9F5D3C10").Should().Be("724Xu9NeKHoMvvBc7ov5VBmuLsj4S9QF1urnqGNPp7Vc");
    }
}
