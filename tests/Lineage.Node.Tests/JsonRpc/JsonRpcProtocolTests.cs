// SPDX-License-Identifier: Apache-2.0

using System.Net;
using System.Text;
using System.Text.Json;
using Lineage.Node.Tests.Support;

namespace Lineage.Node.Tests.JsonRpc;

/// <summary>JSON-RPC 2.0 envelope handling through the real HTTP gateway: error codes, ids, batches, notifications, limits.</summary>
public sealed class JsonRpcProtocolTests : IAsyncLifetime
{
    private TestNode _node = null!;

    public async Task InitializeAsync() => _node = await TestNode.StartAsync(o => o.MaxRequestBodyBytes = 64 * 1024);

    public async Task DisposeAsync() => await _node.DisposeAsync();

    [Theory]
    [InlineData("{bad")]
    [InlineData("{\"jsonrpc\":\"2.0\",\"method\":\"get_node_clock\",\"id\":1")]
    [InlineData("")]
    [InlineData("[{\"jsonrpc\": \"2.0\", \"method\": \"sum\"},{\"jsonrpc\": \"2.0\", \"method\"]")]
    public async Task Invalid_json_is_a_parse_error_with_null_id(string body)
    {
        JsonElement response = await _node.RpcAsync(body);
        response.GetProperty("jsonrpc").GetString().Should().Be("2.0");
        response.GetProperty("error").GetProperty("code").GetInt32().Should().Be(-32700);
        response.GetProperty("id").ValueKind.Should().Be(JsonValueKind.Null);
    }

    [Theory]
    [InlineData("{\"method\":\"get_node_clock\",\"id\":1}")]
    [InlineData("{\"jsonrpc\":\"1.0\",\"method\":\"get_node_clock\",\"id\":1}")]
    [InlineData("{\"jsonrpc\":\"2.0\",\"method\":1,\"id\":1}")]
    [InlineData("{\"jsonrpc\":\"2.0\",\"id\":1}")]
    [InlineData("{\"jsonrpc\":\"2.0\",\"method\":\"get_node_clock\",\"params\":\"x\",\"id\":1}")]
    [InlineData("\"just a string\"")]
    [InlineData("42")]
    public async Task Malformed_request_objects_are_invalid_requests(string body)
    {
        JsonElement response = await _node.RpcAsync(body);
        response.GetProperty("error").GetProperty("code").GetInt32().Should().Be(-32600);
    }

    [Fact]
    public async Task Invalid_request_echoes_a_valid_id()
    {
        JsonElement response = await _node.RpcAsync("{\"jsonrpc\":\"1.0\",\"method\":\"x\",\"id\":\"abc\"}");
        response.GetProperty("error").GetProperty("code").GetInt32().Should().Be(-32600);
        response.GetProperty("id").GetString().Should().Be("abc");
    }

    [Fact]
    public async Task Object_ids_are_invalid_requests_answered_with_null_id()
    {
        JsonElement response = await _node.RpcAsync("{\"jsonrpc\":\"2.0\",\"method\":\"x\",\"id\":{\"a\":1}}");
        response.GetProperty("error").GetProperty("code").GetInt32().Should().Be(-32600);
        response.GetProperty("id").ValueKind.Should().Be(JsonValueKind.Null);
    }

    [Fact]
    public async Task Unknown_method_is_method_not_found_and_echoes_string_and_number_ids()
    {
        JsonElement byString = await _node.RpcAsync("{\"jsonrpc\":\"2.0\",\"method\":\"no_such_method\",\"id\":\"req-7\"}");
        byString.GetProperty("error").GetProperty("code").GetInt32().Should().Be(-32601);
        byString.GetProperty("id").GetString().Should().Be("req-7");

        JsonElement byNumber = await _node.RpcAsync("{\"jsonrpc\":\"2.0\",\"method\":\"no_such_method\",\"id\":12345678901}");
        byNumber.GetProperty("id").GetInt64().Should().Be(12345678901);

        JsonElement byNull = await _node.RpcAsync("{\"jsonrpc\":\"2.0\",\"method\":\"no_such_method\",\"id\":null}");
        byNull.GetProperty("id").ValueKind.Should().Be(JsonValueKind.Null);
        byNull.GetProperty("error").GetProperty("code").GetInt32().Should().Be(-32601);
    }

    [Fact]
    public async Task Empty_batch_is_one_invalid_request()
    {
        JsonElement response = await _node.RpcAsync("[]");
        response.ValueKind.Should().Be(JsonValueKind.Object);
        response.GetProperty("error").GetProperty("code").GetInt32().Should().Be(-32600);
    }

    [Fact]
    public async Task Batch_of_invalid_elements_answers_each()
    {
        JsonElement response = await _node.RpcAsync("[1,2,3]");
        response.GetArrayLength().Should().Be(3);
        foreach (JsonElement item in response.EnumerateArray())
        {
            item.GetProperty("error").GetProperty("code").GetInt32().Should().Be(-32600);
            item.GetProperty("id").ValueKind.Should().Be(JsonValueKind.Null);
        }
    }

    [Fact]
    public async Task Notifications_get_no_response()
    {
        using HttpResponseMessage single = await _node.PostRpcAsync("{\"jsonrpc\":\"2.0\",\"method\":\"no_such_method\"}");
        single.StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await single.Content.ReadAsStringAsync()).Should().BeEmpty();

        using HttpResponseMessage batch = await _node.PostRpcAsync(
            "[{\"jsonrpc\":\"2.0\",\"method\":\"a\"},{\"jsonrpc\":\"2.0\",\"method\":\"b\",\"params\":[]}]");
        batch.StatusCode.Should().Be(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task Batch_mixes_answers_and_skips_notifications()
    {
        JsonElement response = await _node.RpcAsync(
            "[{\"jsonrpc\":\"2.0\",\"method\":\"a\",\"id\":1},{\"jsonrpc\":\"2.0\",\"method\":\"b\"},{\"foo\":\"boo\"},{\"jsonrpc\":\"2.0\",\"method\":\"c\",\"id\":\"3\"}]");
        response.GetArrayLength().Should().Be(3);
        response[0].GetProperty("id").GetInt32().Should().Be(1);
        response[0].GetProperty("error").GetProperty("code").GetInt32().Should().Be(-32601);
        response[1].GetProperty("error").GetProperty("code").GetInt32().Should().Be(-32600);
        response[2].GetProperty("id").GetString().Should().Be("3");
    }

    [Fact]
    public async Task Oversized_body_is_rejected_with_413_and_the_node_keeps_serving()
    {
        string huge = "{\"jsonrpc\":\"2.0\",\"method\":\"x\",\"params\":[\"" + new string('a', 100 * 1024) + "\"],\"id\":1}";
        using (HttpResponseMessage response = await _node.PostRpcAsync(huge))
        {
            response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
            using JsonDocument error = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            error.RootElement.GetProperty("error").GetProperty("code").GetInt32().Should().Be(-32600);
        }

        JsonElement after = await _node.RpcAsync("{\"jsonrpc\":\"2.0\",\"method\":\"x\",\"id\":2}");
        after.GetProperty("error").GetProperty("code").GetInt32().Should().Be(-32601);
    }

    [Fact]
    public async Task Oversized_chunked_body_is_rejected()
    {
        using var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(new string(' ', 200 * 1024) + "{}")));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v0/json-rpc") { Content = content };
        request.Headers.TransferEncodingChunked = true;
        using HttpResponseMessage response = await _node.Http.SendAsync(request);
        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task Get_is_not_allowed_on_the_rpc_endpoint()
    {
        using HttpResponseMessage response = await _node.Http.GetAsync("/api/v0/json-rpc");
        response.StatusCode.Should().Be(HttpStatusCode.MethodNotAllowed);
    }
}
