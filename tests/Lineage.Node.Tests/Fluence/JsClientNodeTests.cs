// SPDX-License-Identifier: Apache-2.0

using System.Text.Json.Nodes;
using Lineage.Node.Tests.Support;

namespace Lineage.Node.Tests.Fluence;

/// <summary>
/// The real js-client 0.9.0 against a real <c>lineage node</c> host (HTTP gateway + Fluence peer, official avm.wasm
/// in process): Aqua compiled by the real compiler calls builtins, runs a parallel for-loop over a stream, catches an
/// error raised by a node service, and publishes and reads Lineage metadata through the reference
/// <c>transaction</c> service.
/// </summary>
public sealed class JsClientNodeTests : IAsyncLifetime, IDisposable
{
    private readonly EthersHarness _ethers = new();
    private TestNode _node = null!;

    private string Relay => _node.Node.Peer.WsAddress.ToString();

    public async Task InitializeAsync() => _node = await TestNode.StartAsync();

    public async Task DisposeAsync() => await _node.DisposeAsync();

    public void Dispose() => _ethers.Dispose();

    [Fact]
    public async Task Peer_identify_and_timestamp_come_from_the_node()
    {
        long before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        JsonObject answer = await FluenceJsClient.CallAsync(Relay, "identifyAndTime");
        answer["ok"]!.GetValue<bool>().Should().BeTrue(answer.ToJsonString());
        answer["relayPeerId"]!.GetValue<string>().Should().Be(_node.Node.Identity.PeerId);

        JsonArray result = answer["result"]!.AsArray();
        JsonObject info = result[0]!.AsObject();
        info["node_version"]!.GetValue<string>().Should().Be("lineage");
        info["external_addresses"]!.AsArray().Select(a => a!.GetValue<string>()).Should().Contain(Relay);
        result[1]!.GetValue<long>().Should().BeInRange(before, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
    }

    [Fact]
    public async Task A_parallel_for_loop_over_a_stream_joins_every_branch()
    {
        JsonObject answer = await FluenceJsClient.CallAsync(Relay, "greetEach", new JsonObject { ["names"] = new JsonArray("ann", "bob", "cy") });
        answer["ok"]!.GetValue<bool>().Should().BeTrue(answer.ToJsonString());
        answer["result"]!.AsArray().Select(r => r!.GetValue<string>()).Should().BeEquivalentTo("hello ann", "hello bob", "hello cy");
    }

    [Fact]
    public async Task An_error_raised_by_a_node_service_is_caught_by_the_aqua_caller()
    {
        JsonObject answer = await FluenceJsClient.CallAsync(Relay, "cronWriteIsRefused");
        answer["ok"]!.GetValue<bool>().Should().BeTrue(answer.ToJsonString());
        answer["result"]!.GetValue<string>().Should().Contain("send_cron_tx is an unsigned internal write").And.Contain("disabled");

        JsonObject again = await FluenceJsClient.CallAsync(Relay, "identifyAndTime");
        again["ok"]!.GetValue<bool>().Should().BeTrue("the node keeps serving: " + again.ToJsonString());
    }

    [Fact]
    public async Task Publish_then_get_metadata_with_history_through_the_transaction_service()
    {
        (string seed, string publicKey) = await _ethers.NewEd25519KeyAsync();
        string collection = "0x" + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()) + "00000000";
        JsonObject first = await SignedRequestAsync(seed, publicKey, collection, "{\"name\":\"first\"}");
        JsonObject second = await SignedRequestAsync(seed, publicKey, collection, "{\"name\":\"second\"}");

        JsonObject answer = await FluenceJsClient.CallAsync(Relay, "publishAndHistory", new JsonObject { ["first"] = first, ["second"] = second });
        answer["ok"]!.GetValue<bool>().Should().BeTrue(answer.ToJsonString());
        JsonArray result = answer["result"]!.AsArray();
        JsonObject history = result[0]!.AsObject();
        JsonObject receipt = result[1]!.AsObject();
        receipt["success"]!.GetValue<bool>().Should().BeTrue(receipt.ToJsonString());
        receipt["receipt"]!["status"]!.GetValue<long>().Should().Be(1, receipt.ToJsonString());

        history["success"]!.GetValue<bool>().Should().BeTrue(history.ToJsonString());
        JsonNode.Parse(history["metadata"]!.GetValue<string>())!["content"]!.ToJsonString().Should().Contain("second");
        JsonArray older = history["history"]!.AsArray();
        older.Should().ContainSingle();
        JsonNode.Parse(older[0]!.GetValue<string>())!["content"]!.ToJsonString().Should().Contain("first");

        // The same rows through the JSON-RPC gateway: one domain facade behind both transports.
        string firstHash = result[2]!.GetValue<string>();
        System.Text.Json.JsonElement viaRpc = await _node.CallAsync("get_transaction", new[] { firstHash });
        viaRpc.GetProperty("result").GetProperty("success").GetBoolean().Should().BeTrue(viaRpc.ToString());
    }

    private async Task<JsonObject> SignedRequestAsync(string seed, string publicKey, string collection, string data) => new()
    {
        ["meta_contract_id"] = "0x01",
        ["alias"] = "",
        ["public_key"] = publicKey,
        ["signature"] = await _ethers.SignEd25519Async(seed, data),
        ["data"] = data,
        ["method"] = "metadata",
        ["chain_id"] = "80001",
        ["token_address"] = collection,
        ["token_id"] = "7",
        ["version"] = "1",
        ["mcdata"] = "{\"loose\":1}",
    };
}
