// SPDX-License-Identifier: Apache-2.0

using System.Text.Json;

namespace Lineage.Node.Tests.EndToEnd;

/// <summary>Every reference method is served with its positional params; bad params are -32602.</summary>
public sealed class RpcSurfaceTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private const string Tk = "724Xu9NeKHoMvvBc7ov5VBmuLsj4S9QF1urnqGNPp7Vc";
    private const string Dk = "21d7zhefyND97abvvBwNp5AYP2geVxrboW44prVkXhmv";
    private const string Filter = "{\"query\":[{\"column\":\"data_key\",\"op\":\"=\",\"query\":\"" + Dk + "\"}],\"ordering\":[{\"column\":\"alias\",\"sort\":\"asc\"}],\"from\":0,\"to\":0}";

    public static TheoryData<string, string> AllMethods => new()
    {
        { "publish", "{\"method\":\"metadata\"}" },
        { "publish_batch", "[{\"method\":\"metadata\"}]" },
        { "get_transaction", "[\"h\"]" },
        { "get_transactions", Filter.Replace("data_key", "hash", StringComparison.Ordinal) },
        { "get_pending_transactions", "[]" },
        { "get_complete_transactions", "[0,0]" },
        { "get_transaction_receipt", "[\"h\"]" },
        { "get_metadata", $"[\"{Dk}\",\"0x01\",\"0x01\",\"token\",\"{Dk}\"]" },
        { "get_metadata_with_history", $"[\"{Dk}\",\"0x01\",\"0x01\",\"token\",\"{Dk}\"]" },
        { "get_metadatas", $"[\"{Dk}\",\"1\"]" },
        { "get_metadatas_count", $"[\"{Dk}\",\"1\"]" },
        { "get_metadatas_all_version", $"[\"{Dk}\"]" },
        { "get_metadatas_by_block", $"[\"{Dk}\",\"0x01\",\"1\"]" },
        { "get_metadatas_by_tokenkey", $"[\"{Tk}\",\"1\",\"1\"]" },
        { "search_metadatas", Filter },
        { "search_metadatas_count", Filter },
        { "get_meta_contract", $"[\"{Tk}\"]" },
        { "get_meta_contract_by_id", "[\"0x01\"]" },
        { "get_active_crons", "[]" },
        { "get_all_crons", "[]" },
        { "get_all_cron_txs", "[]" },
        { "get_cron_tx_by_tx_hash", "[\"0xabc\",\"0xdef\",\"80001\",\"0x957f\"]" },
        { "search_cron_tx", "[\"0xdef\",\"80001\",\"0x957f\"]" },
        { "get_cron_tx_latest_block", "[\"0xdef\",\"80001\",\"0x957f\"]" },
        { "get_cron_latest_block", "[\"h\"]" },
        { "send_cron_tx", "[\"h\",\"0x\",1,\"0xabc\",\"1\"]" },
        { "deserialize_fork", "[\"{\\\"to\\\":\\\"0x1\\\",\\\"tokenId\\\":\\\"5\\\",\\\"data\\\":\\\"0x\\\"}\"]" },
        { "get_node_clock", "[]" },
        { "generate_token_key", "[\"80001\",\"0x0692f233614802D06e86CBDE6b5D090A9F5d3c10\"]" },
        { "generate_data_key", "[\"80001\",\"0x0692f233614802D06e86CBDE6b5D090A9F5d3c10\",\"1\"]" },
        { "ipfs_get", "[\"bafyreib36ovydhrcw66oaqlez56eg5viarz3rdeyaa7h7tnyfkoqv4zb2a\"]" },
    };

    [Fact]
    public void The_table_has_the_31_reference_methods() => AllMethods.Count.Should().Be(31);

    [Theory]
    [MemberData(nameof(AllMethods))]
    public async Task Every_reference_method_is_served(string method, string parameters)
    {
        JsonElement response = await fixture.Node.RpcAsync($"{{\"jsonrpc\":\"2.0\",\"method\":\"{method}\",\"params\":{parameters},\"id\":\"{method}\"}}");
        response.GetProperty("id").GetString().Should().Be(method);
        if (method == "send_cron_tx")
        {
            response.GetProperty("error").GetProperty("code").GetInt32().Should().Be(-32001, "unsigned internal writes are disabled on the gateway (D14)");
            return;
        }

        response.TryGetProperty("error", out JsonElement error).Should().BeFalse($"{method} answered {error}");
        response.TryGetProperty("result", out _).Should().BeTrue();
    }

    [Fact]
    public async Task Key_utilities_match_the_vectors()
    {
        (await fixture.Client.GenerateTokenKeyAsync("80001", "0x0692f233614802D06e86CBDE6b5D090A9F5d3c10", CancellationToken.None)).Should().Be(Tk);
        (await fixture.Client.GenerateDataKeyAsync("80001", "0x0692f233614802D06e86CBDE6b5D090A9F5d3c10", "1", CancellationToken.None)).Should().Be(Dk);
        long now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        (await fixture.Client.GetNodeClockAsync(CancellationToken.None)).Timestamp.Should().BeCloseTo(now, 60_000);
    }

    [Theory]
    [InlineData("get_transaction", "[]")]
    [InlineData("get_transaction", "[1]")]
    [InlineData("get_transaction", "[\"a\",\"b\"]")]
    [InlineData("get_transaction", "{\"hash\":\"a\"}")]
    [InlineData("get_metadata", "[\"a\",\"b\",\"c\",\"d\"]")]
    [InlineData("get_complete_transactions", "[\"soon\",0]")]
    [InlineData("get_node_clock", "[1]")]
    [InlineData("publish", "[1]")]
    [InlineData("publish", "{\"method\":5}")]
    [InlineData("publish_batch", "{\"method\":\"metadata\"}")]
    [InlineData("publish_batch", "[1,2]")]
    [InlineData("search_metadatas", "[\"x\"]")]
    [InlineData("search_metadatas", "{\"query\":[{\"column\":\"nope\",\"op\":\"=\",\"query\":\"x\"}]}")]
    [InlineData("search_metadatas", "{\"query\":\"x\"}")]
    public async Task Bad_params_are_invalid_params(string method, string parameters)
    {
        JsonElement response = await fixture.Node.RpcAsync($"{{\"jsonrpc\":\"2.0\",\"method\":\"{method}\",\"params\":{parameters},\"id\":7}}");
        response.GetProperty("error").GetProperty("code").GetInt32().Should().Be(-32602, response.ToString());
        response.GetProperty("error").GetProperty("message").GetString().Should().Contain(method);
        response.GetProperty("id").GetInt32().Should().Be(7);
    }

    [Fact]
    public async Task Batch_answers_each_call_in_order()
    {
        JsonElement response = await fixture.Node.RpcAsync(
            "[{\"jsonrpc\":\"2.0\",\"method\":\"generate_token_key\",\"params\":[\"80001\",\"0x0692f233614802D06e86CBDE6b5D090A9F5d3c10\"],\"id\":1}," +
            "{\"jsonrpc\":\"2.0\",\"method\":\"get_node_clock\",\"params\":[]}," +
            "{\"jsonrpc\":\"2.0\",\"method\":\"get_transaction\",\"params\":[],\"id\":2}," +
            "{\"jsonrpc\":\"2.0\",\"method\":\"nope\",\"id\":3}," +
            "{\"jsonrpc\":\"2.0\",\"method\":\"get_node_clock\",\"id\":4}]");
        response.GetArrayLength().Should().Be(4);
        response[0].GetProperty("result").GetString().Should().Be(Tk);
        response[1].GetProperty("error").GetProperty("code").GetInt32().Should().Be(-32602);
        response[2].GetProperty("error").GetProperty("code").GetInt32().Should().Be(-32601);
        response[3].GetProperty("result").GetProperty("timestamp").GetInt64().Should().BePositive();
    }

    [Fact]
    public async Task Wait_transaction_receipt_answers_unknown_hashes_at_once()
    {
        JsonElement response = await fixture.Node.RpcAsync("{\"jsonrpc\":\"2.0\",\"method\":\"wait_transaction_receipt\",\"params\":[\"unknown\",60000],\"id\":1}");
        response.GetProperty("result").GetProperty("success").GetBoolean().Should().BeFalse();
    }
}
