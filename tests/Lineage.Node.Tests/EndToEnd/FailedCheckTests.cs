// SPDX-License-Identifier: Apache-2.0

using System.Text.Json;
using Lineage.Client.Model;

namespace Lineage.Node.Tests.EndToEnd;

/// <summary>Every failed check gives a failed receipt with a reason, and nothing is executed.</summary>
public sealed class FailedCheckTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private readonly string _mc = "fa11ed-" + Guid.NewGuid().ToString("N");

    public static TheoryData<string, string> BadSignatures => new()
    {
        { "signature over other data", "OTHER" },
        { "empty signature", "" },
        { "malformed hex", "0xzz" },
        { "truncated", "0x1234" },
        { "bad v", "V99" },
        { "v = 0 accepted form but wrong key", "V00" },
        { "not hex at all", "hello' ; -- $(reboot)" },
    };

    [Theory]
    [MemberData(nameof(BadSignatures))]
    public async Task Bad_secp256k1_signatures_fail_and_write_nothing(string because, string mutation)
    {
        var wallet = await fixture.Ethers.NewWalletAsync();
        var stranger = await fixture.Ethers.NewWalletAsync();
        string collection = GatewayFixture.NewCollection();
        await fixture.BindAsync(collection, _mc, wallet);
        TransactionRequest request = await fixture.SignAsync(GatewayFixture.MetadataRequest(collection, _mc, "1", "name", "{\"n\":1}"), wallet);
        string signature = mutation switch
        {
            "OTHER" => await fixture.Ethers.SignAsync(wallet.PrivateKey, "{\"n\":2}"),
            "V99" => request.Signature[..^2] + "63",
            "V00" => (await fixture.Ethers.SignAsync(stranger.PrivateKey, request.Data))[..^2] + "00",
            _ => mutation,
        };

        (_, TransactionReceipt receipt) = await fixture.PublishAndWaitAsync(request with { Signature = signature });
        receipt.Status.Should().Be(2, because);
        receipt.ErrorText.Should().NotBeNullOrWhiteSpace(because);
        string dataKey = await fixture.Client.GenerateDataKeyAsync("80001", collection, "1", CancellationToken.None);
        (await fixture.ReadContentAsync(dataKey, _mc, wallet.Address, "name", "1")).Should().BeNull(because);
    }

    [Fact]
    public async Task V_0_and_1_signatures_are_accepted()
    {
        var wallet = await fixture.Ethers.NewWalletAsync();
        string collection = GatewayFixture.NewCollection();
        await fixture.BindAsync(collection, _mc, wallet);
        TransactionRequest request = await fixture.SignAsync(GatewayFixture.MetadataRequest(collection, _mc, "1", "v", "{\"v\":0}"), wallet);
        int v = Convert.ToInt32(request.Signature[^2..], 16);
        (_, TransactionReceipt receipt) = await fixture.PublishAndWaitAsync(request with { Signature = request.Signature[..^2] + (v - 27).ToString("x2", System.Globalization.CultureInfo.InvariantCulture) });
        receipt.Status.Should().Be(1, receipt.ErrorText);
    }

    [Fact]
    public async Task Bad_ed25519_signatures_and_keys_fail()
    {
        var key = await fixture.Ethers.NewEd25519KeyAsync();
        var wallet = await fixture.Ethers.NewWalletAsync();
        string collection = GatewayFixture.NewCollection();
        await fixture.BindAsync(collection, _mc, wallet);
        TransactionRequest good = await fixture.SignEd25519Async(GatewayFixture.MetadataRequest(collection, _mc, "1", "ed", "{\"ed\":1}"), key);
        foreach (TransactionRequest bad in new[]
        {
            good with { Signature = "0OIl" },
            good with { Signature = good.Signature[..^4] },
            good with { PublicKey = "notbase58!!" },
            good with { PublicKey = "3yZe7d" },
        })
        {
            (_, TransactionReceipt receipt) = await fixture.PublishAndWaitAsync(bad);
            receipt.Status.Should().Be(2, $"{bad.PublicKey} / {bad.Signature}");
        }
    }

    [Fact]
    public async Task Failed_publish_checks_are_recorded_failed_and_never_executed()
    {
        var wallet = await fixture.Ethers.NewWalletAsync();
        string collection = GatewayFixture.NewCollection();
        await fixture.BindAsync(collection, _mc, wallet);
        string dataKey = await fixture.Client.GenerateDataKeyAsync("80001", collection, "1", CancellationToken.None);

        TransactionRequest[] failing =
        [
            // unknown method
            await fixture.SignAsync(GatewayFixture.MetadataRequest(collection, _mc, "1", "name", "{\"m\":1}") with { Method = "delete" }, wallet),
            // metadata with no meta contract
            await fixture.SignAsync(GatewayFixture.MetadataRequest(collection, "", "1", "name", "{\"m\":2}"), wallet),
            // contract whose data is not the contract JSON
            await fixture.SignAsync(GatewayFixture.ContractRequest(collection, _mc) with { Data = "not json" }, wallet),
            // clone of a field that does not exist
            await fixture.SignAsync(new TransactionRequest
            {
                Method = "clone", MetaContractId = _mc, ChainId = "80001", TokenAddress = collection, TokenId = "9", Alias = "x", Version = "1",
                Data = JsonSerializer.Serialize(new Dictionary<string, string>
                {
                    ["origin_data_key"] = dataKey, ["origin_meta_contract_id"] = _mc, ["origin_public_key"] = wallet.Address,
                    ["origin_alias"] = "missing", ["origin_version"] = "1",
                }),
            }, wallet),
            // cron update of a cron that does not exist
            await fixture.SignAsync(new TransactionRequest
            {
                Method = "cron", MetaContractId = _mc,
                Data = "{\"action\":\"update_status\",\"hash\":\"nonexistent\",\"address\":\"\",\"chain\":\"\",\"topic\":\"\",\"token_type\":\"\",\"status\":0,\"node_url\":\"\",\"abi_url\":\"\"}",
            }, wallet),
            // cron create missing its address
            await fixture.SignAsync(new TransactionRequest
            {
                Method = "cron", MetaContractId = _mc,
                Data = "{\"action\":\"create\",\"hash\":\"\",\"address\":\"\",\"chain\":\"80001\",\"topic\":\"0x01\",\"token_type\":\"erc721\",\"status\":1,\"node_url\":\"\",\"abi_url\":\"\"}",
            }, wallet),
        ];

        foreach (TransactionRequest request in failing)
        {
            (string hash, TransactionReceipt receipt) = await fixture.PublishAndWaitAsync(request);
            receipt.Status.Should().Be(2, request.Method + " " + request.Data);
            receipt.ErrorText.Should().NotBeNullOrWhiteSpace();
            JsonElement tx = await fixture.Client.CallAsync<JsonElement>("get_transaction", new[] { hash }, CancellationToken.None);
            tx.GetProperty("transaction").GetProperty("status").GetInt64().Should().NotBe(0, "a failed transaction is never left pending");
        }

        (await fixture.Client.GetMetadatasAsync(dataKey, "1", CancellationToken.None)).Metadatas.Should().BeEmpty();
        JsonElement pending = await fixture.Client.CallAsync<JsonElement>("get_pending_transactions", Array.Empty<object>(), CancellationToken.None);
        pending.GetProperty("transactions").EnumerateArray()
            .Should().NotContain(t => t.GetProperty("token_address").GetString() == collection);
    }
}
