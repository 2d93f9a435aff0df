// SPDX-License-Identifier: Apache-2.0

using System.Text.Json;
using Lineage.Core.Multiformats;
using Lineage.Metadata.Keys;
using Lineage.Metadata.Model;
using Lineage.Metadata.Tests.Support;

namespace Lineage.Metadata.Tests.Service;

public sealed class PublishFlowTests
{
    private const string Collection = "0x0692f233614802D06e86CBDE6b5D090A9F5d3c10";
    private static readonly CancellationToken s_none = CancellationToken.None;

    private static string ContractData(string contractId, string migrateFrom = "", bool isRegistry = false, string registryId = "") =>
        JsonSerializer.Serialize(new ContractData { MetaContractId = contractId, MigrateFrom = migrateFrom, IsRegistry = isRegistry, RegistryId = registryId, RegistryName = registryId }, LineageJsonContext.Default.ContractData);

    [Fact]
    public async Task Golden_request_publishes_through_registry_0x01_with_the_reference_hash()
    {
        await using ServiceHarness harness = await ServiceHarness.StartAsync();
        TransactionRequest golden = Fixtures.Request("dummy-metadata.json");
        var (result, receipt) = await harness.PublishAsync(golden);

        result.TransactionHash.Should().Be("3ajUZN3F8rgwfL2jxvg4jXKNe2urBycywan2p1hTn7hn");
        receipt.Status.Should().Be(ReceiptStatus.Success, receipt.ErrorText);
        (await harness.Service.GetTransactionAsync(result.TransactionHash, s_none)).Transaction!.Status.Should().Be(TransactionStatus.Done);

        string dataKey = "21d7zhefyND97abvvBwNp5AYP2geVxrboW44prVkXhmv";
        var rows = (await harness.Service.GetMetadatasAllVersionAsync(dataKey, s_none)).Metadatas;
        rows.Select(r => (r.PublicKey, r.Alias)).Should().BeEquivalentTo(new[]
        {
            (golden.PublicKey, ""), ("0x01", "token"), ("0x01", "lineage_key"),
        });
        rows.Should().OnlyContain(r => r.MetaContractId == "0x01" && r.Version == dataKey && r.TokenKey == "724Xu9NeKHoMvvBc7ov5VBmuLsj4S9QF1urnqGNPp7Vc");

        var history = await harness.Service.GetMetadataWithHistoryAsync(dataKey, "0x01", golden.PublicKey, "", dataKey, s_none);
        history.Success.Should().BeTrue(history.ErrMsg);
        history.History.Should().BeEmpty();
        using JsonDocument block = JsonDocument.Parse(history.Metadata);
        block.RootElement.GetProperty("content").GetProperty("name").GetString().Should().Be("CollaBeat");
        block.RootElement.GetProperty("previous").GetString().Should().Be("{}");
        block.RootElement.GetProperty("transaction").GetProperty("hash").GetString().Should().Be(result.TransactionHash);

        var token = await harness.Service.GetMetadataAsync(dataKey, "0x01", "0x01", "token", dataKey, s_none);
        var ipfs = await harness.Service.IpfsGetAsync(token.Metadata!.Cid, s_none);
        using JsonDocument tokenBlock = JsonDocument.Parse(ipfs.Content);
        tokenBlock.RootElement.GetProperty("content").GetProperty("address").GetString().Should().Be(Collection);
    }

    [Fact]
    public async Task Identical_resubmission_is_idempotent()
    {
        await using ServiceHarness harness = await ServiceHarness.StartAsync();
        TransactionRequest golden = Fixtures.Request("dummy-metadata.json");
        var (first, _) = await harness.PublishAsync(golden);
        var (second, receipt) = await harness.PublishAsync(golden);
        second.TransactionHash.Should().Be(first.TransactionHash);
        second.Duplicate.Should().BeTrue();
        first.Duplicate.Should().BeFalse();
        receipt.Status.Should().Be(ReceiptStatus.Success);
        (await harness.Service.GetTransactionsAsync(new(), s_none)).Transactions.Should().HaveCount(1);
        (await harness.Service.GetMetadatasCountAsync("21d7zhefyND97abvvBwNp5AYP2geVxrboW44prVkXhmv", "21d7zhefyND97abvvBwNp5AYP2geVxrboW44prVkXhmv", s_none)).Should().Be(3);
    }

    [Fact]
    public async Task Bound_contract_rows_build_a_history_chain_and_the_hash_follows_the_row()
    {
        await using ServiceHarness harness = await ServiceHarness.StartAsync();
        TestSigner owner = TestSigner.NewSecp256k1();
        string contractId = Guid.NewGuid().ToString();
        var (_, bound) = await harness.PublishAsync(owner.Request(TransactionMethods.Contract, ContractData(contractId)));
        bound.Status.Should().Be(ReceiptStatus.Success, bound.ErrorText);
        (await harness.Service.GetMetaContractAsync(LineageKeys.TokenKey("80001", Collection), s_none)).Meta!.MetaContractId.Should().Be(contractId);

        TestSigner author = TestSigner.NewEd25519();
        TransactionRequest v1 = author.Request(TransactionMethods.Metadata, "{\"text\":\"first\"}", contractId, "post", "1", mcdata: "{\"loose\":0}");
        TransactionRequest v2 = author.Request(TransactionMethods.Metadata, "plain text, not JSON", contractId, "post", "1");
        var (r1, receipt1) = await harness.PublishAsync(v1);
        var (r2, receipt2) = await harness.PublishAsync(v2);
        receipt1.Status.Should().Be(ReceiptStatus.Success, receipt1.ErrorText);
        receipt2.Status.Should().Be(ReceiptStatus.Success, receipt2.ErrorText);

        string dataKey = LineageKeys.DataKey("80001", Collection, "1");
        var row = (await harness.Service.GetMetadataAsync(dataKey, contractId, author.PublicKey, "post", "1", s_none)).Metadata!;
        row.Loose.Should().Be(0);
        var history = await harness.Service.GetMetadataWithHistoryAsync(dataKey, contractId, author.PublicKey, "post", "1", s_none);
        history.History.Should().HaveCount(1);
        using (JsonDocument newest = JsonDocument.Parse(history.Metadata))
        {
            newest.RootElement.GetProperty("content").GetString().Should().Be("plain text, not JSON");
            newest.RootElement.GetProperty("previous").GetProperty("/").GetString().Should().Be(RowCidAfterFirst(history));
            newest.RootElement.GetProperty("transaction").GetProperty("hash").GetString().Should().Be(r2.TransactionHash);
        }

        // Re-sending v1 now addresses a changed row: a new hash (the previous CID is part of it), executed again.
        var (again, receipt3) = await harness.PublishAsync(v1);
        again.TransactionHash.Should().NotBe(r1.TransactionHash);
        again.Duplicate.Should().BeFalse();
        receipt3.Status.Should().Be(ReceiptStatus.Success);
        (await harness.Service.GetMetadataWithHistoryAsync(dataKey, contractId, author.PublicKey, "post", "1", s_none)).History.Should().HaveCount(2);
    }

    private static string RowCidAfterFirst(Lineage.Metadata.Model.MetadataHistoryResult history)
    {
        // The CID of the older block is what the newer block links to; recompute it from the dag-json text.
        byte[] bytes = Lineage.Core.DagJson.DagJsonToCbor.Encode(history.History[0]);
        return Cid.ComputeV1(Multicodec.DagCbor, bytes).ToString();
    }

    [Fact]
    public async Task Clone_copies_the_latest_content_when_the_origin_contract_allows_it()
    {
        await using ServiceHarness harness = await ServiceHarness.StartAsync();
        TestSigner owner = TestSigner.NewSecp256k1();
        string contractId = Guid.NewGuid().ToString();
        (await harness.PublishAsync(owner.Request(TransactionMethods.Contract, ContractData(contractId), tokenAddress: "0x1111111111111111111111111111111111111111"))).Receipt.Status.Should().Be(ReceiptStatus.Success);
        TestSigner author = TestSigner.NewSecp256k1();
        (await harness.PublishAsync(author.Request(TransactionMethods.Metadata, "{\"beat\":\"kick\"}", contractId, "beat", "v", tokenAddress: "0x1111111111111111111111111111111111111111"))).Receipt.Status.Should().Be(ReceiptStatus.Success);

        string originKey = LineageKeys.DataKey("80001", "0x1111111111111111111111111111111111111111", "1");
        string cloneData = JsonSerializer.Serialize(new CloneData { OriginDataKey = originKey, OriginMetaContractId = contractId, OriginPublicKey = author.PublicKey, OriginAlias = "beat", OriginVersion = "v" }, LineageJsonContext.Default.CloneData);
        TestSigner cloner = TestSigner.NewSecp256k1();
        var (_, receipt) = await harness.PublishAsync(cloner.Request(TransactionMethods.Clone, cloneData, tokenAddress: "0x2222222222222222222222222222222222222222", tokenId: "9"));
        receipt.Status.Should().Be(ReceiptStatus.Success, receipt.ErrorText);

        string cloneKey = LineageKeys.DataKey("80001", "0x2222222222222222222222222222222222222222", "9");
        var cloned = await harness.Service.GetMetadataWithHistoryAsync(cloneKey, contractId, author.PublicKey, "beat", "v", s_none);
        cloned.Success.Should().BeTrue(cloned.ErrMsg);
        using JsonDocument block = JsonDocument.Parse(cloned.Metadata);
        block.RootElement.GetProperty("content").GetProperty("beat").GetString().Should().Be("kick");
        block.RootElement.GetProperty("transaction").GetProperty("value").GetString().Should().Be(cloneData);
        block.RootElement.GetProperty("transaction").GetProperty("method").GetString().Should().Be("clone");
    }

    [Fact]
    public async Task Contract_migration_moves_rows_and_registry_slots_are_owned()
    {
        await using ServiceHarness harness = await ServiceHarness.StartAsync();
        TestSigner owner = TestSigner.NewSecp256k1();
        string oldId = Guid.NewGuid().ToString();
        string newId = Guid.NewGuid().ToString();
        (await harness.PublishAsync(owner.Request(TransactionMethods.Contract, ContractData(oldId)))).Receipt.Status.Should().Be(ReceiptStatus.Success);
        (await harness.PublishAsync(owner.Request(TransactionMethods.Metadata, "\"x\"", oldId, "a", "1"))).Receipt.Status.Should().Be(ReceiptStatus.Success);
        var (_, migrated) = await harness.PublishAsync(owner.Request(TransactionMethods.Contract, ContractData(newId, migrateFrom: oldId, isRegistry: true, registryId: "0x07")));
        migrated.Status.Should().Be(ReceiptStatus.Success, migrated.ErrorText);
        string dataKey = LineageKeys.DataKey("80001", Collection, "1");
        var row = (await harness.Service.GetMetadataAsync(dataKey, newId, owner.PublicKey, "a", "1", s_none)).Metadata;
        row.Should().NotBeNull();
        row!.Hash.Should().Be(LineageKeys.MetadataHash(dataKey, newId, "a", owner.PublicKey, "1"));
        (await harness.Service.GetRegistryByIdAsync("0x07", s_none)).Registry!.MetaContractId.Should().Be(newId);

        // Another key can neither take the registry slot nor the collection.
        TestSigner intruder = TestSigner.NewSecp256k1();
        var (_, denied) = await harness.PublishAsync(intruder.Request(TransactionMethods.Contract, ContractData(Guid.NewGuid().ToString(), isRegistry: true, registryId: "0x07"), chainId: "", tokenAddress: "", tokenId: ""));
        denied.Status.Should().Be(ReceiptStatus.Failed);
        denied.ErrorText.Should().Contain("registry '0x07' belongs to");
        (await harness.Service.GetRegistryByIdAsync("0x07", s_none)).Registry!.MetaContractId.Should().Be(newId);
    }

    [Fact]
    public async Task Cron_lifecycle_is_creator_only_and_mint_writes_rows()
    {
        await using ServiceHarness harness = await ServiceHarness.StartAsync();
        TestSigner creator = TestSigner.NewSecp256k1();
        string topic = "0x957f358702a4cd1c866fb29aefe080a9a56303adf02d47a081a56707d2d30033";
        string address = "0xd7b94daeebaf778fd37de3082e3944c49ed10bae";
        string create = JsonSerializer.Serialize(new CronData { Action = "create", Address = address, Chain = "80001", Topic = topic, TokenType = "erc721", NodeUrl = "http://127.0.0.1:8545" }, LineageJsonContext.Default.CronData);
        var (_, created) = await harness.PublishAsync(creator.Request(TransactionMethods.Cron, create, "0x01"));
        created.Status.Should().Be(ReceiptStatus.Success, created.ErrorText);
        string hash = "F1EVjiD4hnFj5Rysug35JvtHPr5ft6s9sk1JAc9pTCBC";
        created.Data.Should().Be(hash);
        (await harness.Service.GetActiveCronsAsync(s_none)).Crons.Should().ContainSingle(c => c.Hash == hash && c.PublicKey == creator.PublicKey);

        string disable = JsonSerializer.Serialize(new CronData { Action = "update_status", Hash = hash, Status = 0 }, LineageJsonContext.Default.CronData);
        var (_, foreign) = await harness.PublishAsync(TestSigner.NewSecp256k1().Request(TransactionMethods.Cron, disable));
        foreign.Status.Should().Be(ReceiptStatus.Failed);
        foreign.ErrorText.Should().Contain("invalid owner");
        (await harness.Service.GetActiveCronsAsync(s_none)).Crons.Should().HaveCount(1);
        (await harness.PublishAsync(creator.Request(TransactionMethods.Cron, disable))).Receipt.Status.Should().Be(ReceiptStatus.Success);
        (await harness.Service.GetActiveCronsAsync(s_none)).Crons.Should().BeEmpty();

        CronRecord cron = (await harness.Service.GetAllCronsAsync(s_none)).Crons.Single();
        var post = await harness.Service.RunOnPostMintAsync("0x01", [], LineageKeys.DataKey("80001", address, "7"), address, "80001", "7", s_none);
        var rows = await harness.Service.SetMetadataCronAsync("0x01", cron, "7", post, s_none);
        rows.Metadatas.Select(r => r.Alias).Should().BeEquivalentTo("token", "lineage_key");
        var sent = await harness.Service.SendCronTxAsync(hash, "0xabcdef", 42, "0xtx", "7", s_none);
        sent.Success.Should().BeTrue(sent.ErrMsg);
        (await harness.Service.GetCronLatestBlockAsync(hash, s_none)).Should().Be(42);
        (await harness.Service.GetCronTxLatestBlockAsync(address, "80001", topic, s_none)).Should().Be(42);
        (await harness.Service.SendCronTxAsync(hash, "0xabcdef", 42, "0xtx", "7", s_none)).CronTx!.Hash.Should().Be(sent.CronTx!.Hash);
        (await harness.Service.GetAllCronTxsAsync(s_none)).CronTxs.Should().HaveCount(1);
    }

    [Fact]
    public async Task Batch_publish_applies_in_order_within_one_commit()
    {
        await using ServiceHarness harness = await ServiceHarness.StartAsync();
        TestSigner owner = TestSigner.NewSecp256k1();
        string contractId = Guid.NewGuid().ToString();
        var results = await harness.Service.PublishBatchAsync(
        [
            owner.Request(TransactionMethods.Contract, ContractData(contractId)),
            owner.Request(TransactionMethods.Metadata, "\"one\"", contractId, "f", "1"),
            owner.Request(TransactionMethods.Metadata, "\"two\"", contractId, "f", "1"),
        ], s_none);
        results.Should().HaveCount(3);
        foreach (PublishResult result in results)
        {
            (await harness.Service.GetTransactionReceiptAsync(result.TransactionHash, s_none)).Receipt!.Status.Should().Be(ReceiptStatus.Success);
        }

        string dataKey = LineageKeys.DataKey("80001", Collection, "1");
        var history = await harness.Service.GetMetadataWithHistoryAsync(dataKey, contractId, owner.PublicKey, "f", "1", s_none);
        history.History.Should().HaveCount(1);
        JsonDocument.Parse(history.Metadata).RootElement.GetProperty("content").GetString().Should().Be("two");
    }
}
