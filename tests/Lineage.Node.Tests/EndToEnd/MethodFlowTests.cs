// SPDX-License-Identifier: Apache-2.0

using System.Net;
using System.Text.Json;
using Lineage.Client.Model;
using Lineage.TestKit;

namespace Lineage.Node.Tests.EndToEnd;

/// <summary>
/// publish → receipt → metadata → history for each method, through the real HTTP gateway, with keys and signatures
/// made by ethers (secp256k1) and @noble/curves (ed25519).
/// </summary>
public sealed class MethodFlowTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    [Fact]
    public async Task Golden_reference_request_executes_under_registry_0x01_and_serves_the_token_uri()
    {
        string path = Path.Combine(RepositoryPaths.Shared, "fixtures", "lineage", "dummy-metadata.json");
        using JsonDocument file = JsonDocument.Parse(File.ReadAllText(path));
        TransactionRequest request = file.RootElement.GetProperty("request").Deserialize<TransactionRequest>()!;

        (string hash, TransactionReceipt receipt) = await fixture.PublishAndWaitAsync(request);
        hash.Should().Be("3ajUZN3F8rgwfL2jxvg4jXKNe2urBycywan2p1hTn7hn", "the transaction hash vector of vectors.json");
        receipt.Status.Should().Be(1, receipt.ErrorText);

        string dataKey = await fixture.Client.GenerateDataKeyAsync("80001", "0x0692f233614802D06e86CBDE6b5D090A9F5d3c10", "1", CancellationToken.None);
        dataKey.Should().Be("21d7zhefyND97abvvBwNp5AYP2geVxrboW44prVkXhmv");
        JsonElement? content = await fixture.ReadContentAsync(dataKey, "0x01", request.PublicKey, "", dataKey);
        content!.Value.GetProperty("name").GetString().Should().Be("CollaBeat");

        // Metadata URI: the 0x01 rows merged into one OpenSea-style object, by token key, by address, by owner.
        foreach (string route in new[]
        {
            "/ta/80001/0x0692f233614802D06e86CBDE6b5D090A9F5d3c10/1",
            "/tk/724Xu9NeKHoMvvBc7ov5VBmuLsj4S9QF1urnqGNPp7Vc/1",
            $"/pk/{request.PublicKey}/724Xu9NeKHoMvvBc7ov5VBmuLsj4S9QF1urnqGNPp7Vc/1",
        })
        {
            using HttpResponseMessage response = await fixture.Node.Http.GetAsync(route);
            response.StatusCode.Should().Be(HttpStatusCode.OK, route);
            using JsonDocument merged = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            merged.RootElement.GetProperty("name").GetString().Should().Be("CollaBeat", route);
            merged.RootElement.GetProperty("attributes")[0].GetProperty("value").GetInt32().Should().Be(3, route);
            merged.RootElement.GetProperty("lineage_key").GetString().Should().Be(dataKey, route);
            merged.RootElement.GetProperty("token").GetProperty("id").GetString().Should().Be("1", route);
        }

        using HttpResponseMessage otherOwner = await fixture.Node.Http.GetAsync("/pk/0x0000000000000000000000000000000000000001/724Xu9NeKHoMvvBc7ov5VBmuLsj4S9QF1urnqGNPp7Vc/1");
        using JsonDocument onlyRegistry = JsonDocument.Parse(await otherOwner.Content.ReadAsStringAsync());
        onlyRegistry.RootElement.TryGetProperty("name", out _).Should().BeFalse("rows of other owners are excluded");
        onlyRegistry.RootElement.GetProperty("lineage_key").GetString().Should().Be(dataKey);

        using HttpResponseMessage unknown = await fixture.Node.Http.GetAsync("/ta/80001/0x0692f233614802D06e86CBDE6b5D090A9F5d3c10/999");
        unknown.StatusCode.Should().Be(HttpStatusCode.NotFound);

        // Resubmitting the identical request is idempotent: same hash, flagged duplicate, nothing re-executed.
        PublishResult again = await fixture.Client.PublishAsync(request, CancellationToken.None);
        again.TransactionHash.Should().Be(hash);
        again.Duplicate.Should().BeTrue();
    }

    [Fact]
    public async Task Metadata_publish_receipt_read_and_history_with_an_ethers_wallet()
    {
        var wallet = await fixture.Ethers.NewWalletAsync();
        string collection = GatewayFixture.NewCollection();
        const string mc = "5f1a0c1e-0000-4000-8000-00000000e2e1";
        await fixture.BindAsync(collection, mc, wallet);

        TransactionRequest first = await fixture.SignAsync(GatewayFixture.MetadataRequest(collection, mc, "7", "name", "{\"text\":\"first\"}"), wallet);
        (string firstHash, TransactionReceipt firstReceipt) = await fixture.PublishAndWaitAsync(first);
        firstReceipt.Status.Should().Be(1, firstReceipt.ErrorText);
        firstReceipt.Hash.Should().Be(firstHash);

        TransactionRequest second = await fixture.SignAsync(GatewayFixture.MetadataRequest(collection, mc, "7", "name", "plain text, not JSON"), wallet);
        (_, TransactionReceipt secondReceipt) = await fixture.PublishAndWaitAsync(second);
        secondReceipt.Status.Should().Be(1, secondReceipt.ErrorText);

        string dataKey = await fixture.Client.GenerateDataKeyAsync("80001", collection, "7", CancellationToken.None);
        JsonElement? current = await fixture.ReadContentAsync(dataKey, mc, wallet.Address, "name", "1");
        current!.Value.GetString().Should().Be("plain text, not JSON");

        MetadataHistoryResult history = await fixture.Client.GetMetadataWithHistoryAsync(dataKey, mc, wallet.Address, "name", "1", CancellationToken.None);
        history.Success.Should().BeTrue(history.ErrMsg);
        GatewayFixture.ContentOf(history.Metadata).GetString().Should().Be("plain text, not JSON");
        history.History.Should().ContainSingle();
        GatewayFixture.ContentOf(history.History[0]).GetProperty("text").GetString().Should().Be("first");
        using (JsonDocument newest = JsonDocument.Parse(history.Metadata))
        {
            newest.RootElement.GetProperty("transaction").GetProperty("hash").GetString().Should().Be(secondReceipt.Hash);
        }

        // The transaction itself is readable and done.
        JsonElement tx = await fixture.Client.CallAsync<JsonElement>("get_transaction", new[] { firstHash }, CancellationToken.None);
        tx.GetProperty("success").GetBoolean().Should().BeTrue();
        tx.GetProperty("transaction").GetProperty("data").GetString().Should().Be("{\"text\":\"first\"}");
    }

    [Fact]
    public async Task Metadata_flow_with_an_ed25519_key()
    {
        var wallet = await fixture.Ethers.NewWalletAsync();
        var key = await fixture.Ethers.NewEd25519KeyAsync();
        string collection = GatewayFixture.NewCollection();
        const string mc = "5f1a0c1e-0000-4000-8000-00000000ed25";
        await fixture.BindAsync(collection, mc, wallet);

        TransactionRequest request = await fixture.SignEd25519Async(GatewayFixture.MetadataRequest(collection, mc, "1", "bio", "{\"bio\":\"ed\"}"), key);
        (_, TransactionReceipt receipt) = await fixture.PublishAndWaitAsync(request);
        receipt.Status.Should().Be(1, receipt.ErrorText);
        string dataKey = await fixture.Client.GenerateDataKeyAsync("80001", collection, "1", CancellationToken.None);
        (await fixture.ReadContentAsync(dataKey, mc, key.PublicKey, "bio", "1"))!.Value.GetProperty("bio").GetString().Should().Be("ed");

        TransactionRequest forged = request with { Data = "{\"bio\":\"forged\"}" };
        (_, TransactionReceipt rejected) = await fixture.PublishAndWaitAsync(forged);
        rejected.Status.Should().Be(2);
        (await fixture.ReadContentAsync(dataKey, mc, key.PublicKey, "bio", "1"))!.Value.GetProperty("bio").GetString().Should().Be("ed");
    }

    [Fact]
    public async Task Contract_binding_is_readable_and_owned_by_its_binder()
    {
        var owner = await fixture.Ethers.NewWalletAsync();
        var intruder = await fixture.Ethers.NewWalletAsync();
        string collection = GatewayFixture.NewCollection();
        const string mc = "5f1a0c1e-0000-4000-8000-00000000c0c0";
        await fixture.BindAsync(collection, mc, owner);

        string tokenKey = await fixture.Client.GenerateTokenKeyAsync("80001", collection, CancellationToken.None);
        JsonElement bound = await fixture.Client.CallAsync<JsonElement>("get_meta_contract", new[] { tokenKey }, CancellationToken.None);
        bound.GetProperty("success").GetBoolean().Should().BeTrue();
        bound.GetProperty("meta").GetProperty("meta_contract_id").GetString().Should().Be(mc);
        bound.GetProperty("meta").GetProperty("public_key").GetString().Should().BeEquivalentTo(owner.Address);

        TransactionRequest steal = await fixture.SignAsync(GatewayFixture.ContractRequest(collection, "5f1a0c1e-0000-4000-8000-0000000bad00"), intruder);
        (_, TransactionReceipt receipt) = await fixture.PublishAndWaitAsync(steal);
        receipt.Status.Should().Be(2);
        receipt.ErrorText.Should().NotBeEmpty();
        JsonElement after = await fixture.Client.CallAsync<JsonElement>("get_meta_contract", new[] { tokenKey }, CancellationToken.None);
        after.GetProperty("meta").GetProperty("meta_contract_id").GetString().Should().Be(mc, "the failed rebind never executed");
    }

    [Fact]
    public async Task Clone_copies_the_origin_field_to_another_token()
    {
        var wallet = await fixture.Ethers.NewWalletAsync();
        string collection = GatewayFixture.NewCollection();
        const string mc = "5f1a0c1e-0000-4000-8000-00000000c10e";
        await fixture.BindAsync(collection, mc, wallet);
        TransactionRequest origin = await fixture.SignAsync(GatewayFixture.MetadataRequest(collection, mc, "1", "song", "{\"beats\":[1,2,3]}"), wallet);
        (await fixture.PublishAndWaitAsync(origin)).Receipt.Status.Should().Be(1);
        string originKey = await fixture.Client.GenerateDataKeyAsync("80001", collection, "1", CancellationToken.None);

        string cloneData = JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["origin_data_key"] = originKey,
            ["origin_meta_contract_id"] = mc,
            ["origin_public_key"] = wallet.Address,
            ["origin_alias"] = "song",
            ["origin_version"] = "1",
        });
        TransactionRequest clone = await fixture.SignAsync(
            new TransactionRequest { Method = "clone", MetaContractId = mc, ChainId = "80001", TokenAddress = collection, TokenId = "2", Alias = "song", Version = "1", Data = cloneData },
            wallet);
        (_, TransactionReceipt receipt) = await fixture.PublishAndWaitAsync(clone);
        receipt.Status.Should().Be(1, receipt.ErrorText);

        string cloneKey = await fixture.Client.GenerateDataKeyAsync("80001", collection, "2", CancellationToken.None);
        (await fixture.ReadContentAsync(cloneKey, mc, wallet.Address, "song", "1"))!.Value.GetProperty("beats").GetArrayLength().Should().Be(3);

        // Cloning the same field again onto the same token fails its check and executes nothing.
        TransactionRequest twice = await fixture.SignAsync(clone with { Mcdata = "{\"loose\":0}" }, wallet);
        (_, TransactionReceipt second) = await fixture.PublishAndWaitAsync(twice);
        second.Status.Should().Be(2);
    }

    [Fact]
    public async Task Cron_create_is_listed_and_only_its_creator_may_update_it()
    {
        var creator = await fixture.Ethers.NewWalletAsync();
        var other = await fixture.Ethers.NewWalletAsync();
        string address = GatewayFixture.NewCollection()[..42];
        const string topic = "0x957f358702a4cd1c866fb29aefe080a9a56303adf02d47a081a56707d2d30033";
        string create = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["action"] = "create", ["hash"] = "", ["address"] = address, ["chain"] = "80001", ["topic"] = topic,
            ["token_type"] = "erc721", ["status"] = 1, ["node_url"] = "http://127.0.0.1:8545", ["abi_url"] = "",
        });
        TransactionRequest cron = await fixture.SignAsync(new TransactionRequest { Method = "cron", MetaContractId = "mc-cron", Data = create }, creator);
        (_, TransactionReceipt receipt) = await fixture.PublishAndWaitAsync(cron);
        receipt.Status.Should().Be(1, receipt.ErrorText);

        JsonElement all = await fixture.Client.CallAsync<JsonElement>("get_all_crons", Array.Empty<object>(), CancellationToken.None);
        JsonElement created = all.GetProperty("crons").EnumerateArray().Single(c => c.GetProperty("address").GetString() == address);
        string cronHash = created.GetProperty("hash").GetString()!;

        string disable = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["action"] = "update_status", ["hash"] = cronHash, ["address"] = "", ["chain"] = "", ["topic"] = "",
            ["token_type"] = "", ["status"] = 0, ["node_url"] = "", ["abi_url"] = "",
        });
        TransactionRequest hostile = await fixture.SignAsync(new TransactionRequest { Method = "cron", MetaContractId = "mc-cron", Data = disable }, other);
        (_, TransactionReceipt refused) = await fixture.PublishAndWaitAsync(hostile);
        refused.Status.Should().Be(2);
        JsonElement active = await fixture.Client.CallAsync<JsonElement>("get_active_crons", Array.Empty<object>(), CancellationToken.None);
        active.GetProperty("crons").EnumerateArray().Should().Contain(c => c.GetProperty("hash").GetString() == cronHash, "the hostile update never executed");

        TransactionRequest own = await fixture.SignAsync(new TransactionRequest { Method = "cron", MetaContractId = "mc-cron", Data = disable }, creator);
        (await fixture.PublishAndWaitAsync(own)).Receipt.Status.Should().Be(1);
        JsonElement afterwards = await fixture.Client.CallAsync<JsonElement>("get_active_crons", Array.Empty<object>(), CancellationToken.None);
        afterwards.GetProperty("crons").EnumerateArray().Should().NotContain(c => c.GetProperty("hash").GetString() == cronHash);
    }
}
