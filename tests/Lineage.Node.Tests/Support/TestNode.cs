// SPDX-License-Identifier: Apache-2.0

using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Lineage.Node.Hosting;
using Microsoft.Extensions.Logging;

namespace Lineage.Node.Tests.Support;

/// <summary>A real node started in-process on a free loopback port over a temporary data directory.</summary>
public sealed class TestNode : IAsyncDisposable
{
    private readonly bool _ownsDirectory;

    private TestNode(LineageNode node, string dataDirectory, bool ownsDirectory)
    {
        Node = node;
        DataDirectory = dataDirectory;
        _ownsDirectory = ownsDirectory;
        Http = new HttpClient { BaseAddress = node.HttpAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    public LineageNode Node { get; }

    public string DataDirectory { get; }

    public HttpClient Http { get; }

    public static async Task<TestNode> StartAsync(Action<NodeOptions>? configure = null, string? dataDirectory = null)
    {
        bool owns = dataDirectory is null;
        dataDirectory ??= Directory.CreateTempSubdirectory("lineage-node-test-").FullName;
        var options = new NodeOptions { DataDir = dataDirectory, Http = "127.0.0.1:0", LogLevel = LogLevel.Warning };
        configure?.Invoke(options);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        LineageNode node = await LineageNode.StartAsync(options, logging => logging.AddFilter(_ => false), timeout.Token);
        return new TestNode(node, dataDirectory, owns);
    }

    /// <summary>POSTs raw text to the JSON-RPC endpoint.</summary>
    public Task<HttpResponseMessage> PostRpcAsync(string body)
    {
        var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return Http.PostAsync("/api/v0/json-rpc", content);
    }

    /// <summary>POSTs raw text and parses the JSON response.</summary>
    public async Task<JsonElement> RpcAsync(string body)
    {
        using HttpResponseMessage response = await PostRpcAsync(body);
        string text = await response.Content.ReadAsStringAsync();
        using JsonDocument document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    /// <summary>Calls one method with the given params (any JSON-serialisable value) and returns the whole response.</summary>
    public Task<JsonElement> CallAsync(string method, object? parameters, object? id = null) =>
        RpcAsync(JsonSerializer.Serialize(new { jsonrpc = "2.0", method, @params = parameters, id = id ?? 1 }));

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Node.DisposeAsync();
        if (_ownsDirectory)
        {
            try
            {
                Directory.Delete(DataDirectory, recursive: true);
            }
            catch (IOException)
            {
                // best effort: a temp directory
            }
        }
    }
}
