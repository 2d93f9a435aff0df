// SPDX-License-Identifier: Apache-2.0

using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization;
using Lineage.Client.Model;

namespace Lineage.Client;

/// <summary>
/// JSON-RPC 2.0 client of a Lineage node (<c>POST /api/v0/json-rpc</c>). Typed methods cover the common flows;
/// <see cref="CallAsync{T}"/> reaches every other method. Thread-safe; dispose to release the owned HttpClient.
/// </summary>
public sealed class LineageClient : IDisposable
{
    /// <summary>The JSON-RPC path on a node.</summary>
    public const string JsonRpcPath = "/api/v0/json-rpc";

    private const int MethodNotFound = -32601;

    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.General);

    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly Uri _endpoint;
    private long _nextId;

    /// <summary>Creates a client for the node at <paramref name="nodeAddress"/> (e.g. <c>http://127.0.0.1:8080</c>).</summary>
    /// <param name="nodeAddress">Node base address; a full <c>…/api/v0/json-rpc</c> URL is accepted too.</param>
    /// <param name="httpClient">Optional shared HttpClient (not disposed by this client).</param>
    public LineageClient(Uri nodeAddress, HttpClient? httpClient = null)
    {
        ArgumentNullException.ThrowIfNull(nodeAddress);
        _endpoint = nodeAddress.AbsolutePath.TrimEnd('/').EndsWith(JsonRpcPath, StringComparison.Ordinal)
            ? nodeAddress
            : new Uri(nodeAddress, JsonRpcPath);
        _ownsHttp = httpClient is null;
        _http = httpClient ?? new HttpClient { Timeout = TimeSpan.FromSeconds(100) };
    }

    /// <summary>The JSON-RPC endpoint called.</summary>
    public Uri Endpoint => _endpoint;

    /// <summary>Calls <paramref name="method"/> with <paramref name="parameters"/> (an array for positional params, or an object).</summary>
    /// <exception cref="LineageRpcException">The node answered with a JSON-RPC error.</exception>
    /// <exception cref="LineageClientException">The node was unreachable or answered something else than JSON-RPC.</exception>
    public async Task<T> CallAsync<T>(string method, object? parameters, CancellationToken cancellationToken)
    {
        long id = Interlocked.Increment(ref _nextId);
        byte[] body = JsonSerializer.SerializeToUtf8Bytes(new RpcRequest(method, parameters, id), s_json);
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        HttpResponseMessage response;
        try
        {
            response = await _http.PostAsync(_endpoint, content, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new LineageClientException($"cannot reach the node at {_endpoint}: {ex.Message}", ex);
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new LineageClientException($"the node at {_endpoint} did not answer in time", ex);
        }

        using (response)
        {
            byte[] answer = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(answer);
            }
            catch (JsonException ex)
            {
                throw new LineageClientException(
                    $"the node at {_endpoint} answered HTTP {(int)response.StatusCode} without a JSON-RPC body", ex);
            }

            using (document)
            {
                JsonElement root = document.RootElement;
                if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("error", out JsonElement error)
                    && error.ValueKind == JsonValueKind.Object)
                {
                    int code = error.TryGetProperty("code", out JsonElement c) && c.TryGetInt32(out int value) ? value : 0;
                    string message = error.TryGetProperty("message", out JsonElement m) ? m.GetString() ?? string.Empty : string.Empty;
                    throw new LineageRpcException(code, message);
                }

                if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("result", out JsonElement result))
                {
                    throw new LineageClientException($"the node at {_endpoint} answered HTTP {(int)response.StatusCode} without a result");
                }

                try
                {
                    return result.Deserialize<T>(s_json)!;
                }
                catch (JsonException ex)
                {
                    throw new LineageClientException($"unexpected result of {method}: {ex.Message.Split('\n')[0]}", ex);
                }
            }
        }
    }

    /// <summary><c>publish</c>: submits a signed request; returns its transaction hash.</summary>
    public Task<PublishResult> PublishAsync(TransactionRequest request, CancellationToken cancellationToken) =>
        CallAsync<PublishResult>("publish", request, cancellationToken);

    /// <summary><c>publish_batch</c>.</summary>
    public Task<IReadOnlyList<PublishResult>> PublishBatchAsync(IReadOnlyList<TransactionRequest> requests, CancellationToken cancellationToken) =>
        CallAsync<IReadOnlyList<PublishResult>>("publish_batch", requests, cancellationToken);

    /// <summary><c>get_transaction_receipt</c>.</summary>
    public Task<TransactionReceiptResult> GetTransactionReceiptAsync(string hash, CancellationToken cancellationToken) =>
        CallAsync<TransactionReceiptResult>("get_transaction_receipt", new[] { hash }, cancellationToken);

    /// <summary>
    /// Waits until the receipt of <paramref name="hash"/> exists. Uses the node's <c>wait_transaction_receipt</c>
    /// long-poll (the receipt arrives as soon as the transaction executes); against a gateway without it (the
    /// reference) falls back to polling <c>get_transaction_receipt</c>.
    /// </summary>
    public async Task<TransactionReceipt> WaitForReceiptAsync(string hash, CancellationToken cancellationToken)
    {
        var delay = TimeSpan.FromMilliseconds(2);
        bool longPoll = true;
        while (true)
        {
            TransactionReceiptResult result;
            if (longPoll)
            {
                try
                {
                    result = await CallAsync<TransactionReceiptResult>("wait_transaction_receipt", new object[] { hash, 10_000 }, cancellationToken).ConfigureAwait(false);
                    if (result is { Success: true, Receipt: { } waited })
                    {
                        return waited;
                    }
                }
                catch (LineageRpcException ex) when (ex.Code == MethodNotFound)
                {
                    longPoll = false;
                }
            }

            result = await GetTransactionReceiptAsync(hash, cancellationToken).ConfigureAwait(false);
            if (result is { Success: true, Receipt: { } receipt })
            {
                return receipt;
            }

            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 200));
        }
    }

    /// <summary><c>get_metadata</c>.</summary>
    public Task<MetadataResult> GetMetadataAsync(string dataKey, string metaContractId, string publicKey, string alias, string version, CancellationToken cancellationToken) =>
        CallAsync<MetadataResult>("get_metadata", new[] { dataKey, metaContractId, publicKey, alias, version }, cancellationToken);

    /// <summary><c>get_metadata_with_history</c>.</summary>
    public Task<MetadataHistoryResult> GetMetadataWithHistoryAsync(string dataKey, string metaContractId, string publicKey, string alias, string version, CancellationToken cancellationToken) =>
        CallAsync<MetadataHistoryResult>("get_metadata_with_history", new[] { dataKey, metaContractId, publicKey, alias, version }, cancellationToken);

    /// <summary><c>get_metadatas</c>.</summary>
    public Task<MetadatasResult> GetMetadatasAsync(string dataKey, string version, CancellationToken cancellationToken) =>
        CallAsync<MetadatasResult>("get_metadatas", new[] { dataKey, version }, cancellationToken);

    /// <summary><c>search_metadatas</c>.</summary>
    public Task<MetadatasResult> SearchMetadatasAsync(SearchFilter filter, CancellationToken cancellationToken) =>
        CallAsync<MetadatasResult>("search_metadatas", filter, cancellationToken);

    /// <summary><c>search_metadatas_count</c>.</summary>
    public Task<ulong> SearchMetadatasCountAsync(SearchFilter filter, CancellationToken cancellationToken) =>
        CallAsync<ulong>("search_metadatas_count", filter, cancellationToken);

    /// <summary><c>ipfs_get</c>: a DAG block as dag-json text.</summary>
    public Task<IpfsGetResult> IpfsGetAsync(string cid, CancellationToken cancellationToken) =>
        CallAsync<IpfsGetResult>("ipfs_get", new[] { cid }, cancellationToken);

    /// <summary><c>generate_token_key</c>.</summary>
    public Task<string> GenerateTokenKeyAsync(string chainId, string tokenAddress, CancellationToken cancellationToken) =>
        CallAsync<string>("generate_token_key", new[] { chainId, tokenAddress }, cancellationToken);

    /// <summary><c>generate_data_key</c>.</summary>
    public Task<string> GenerateDataKeyAsync(string chainId, string tokenAddress, string tokenId, CancellationToken cancellationToken) =>
        CallAsync<string>("generate_data_key", new[] { chainId, tokenAddress, tokenId }, cancellationToken);

    /// <summary><c>get_node_clock</c>.</summary>
    public Task<NodeClock> GetNodeClockAsync(CancellationToken cancellationToken) =>
        CallAsync<NodeClock>("get_node_clock", Array.Empty<object>(), cancellationToken);

    public void Dispose()
    {
        if (_ownsHttp)
        {
            _http.Dispose();
        }
    }

    private sealed record RpcRequest(
        [property: JsonPropertyName("method")] string Method,
        [property: JsonPropertyName("params")] object? Params,
        [property: JsonPropertyName("id")] long Id)
    {
        [JsonPropertyName("jsonrpc")]
        public string JsonRpc { get; } = "2.0";
    }
}
