// SPDX-License-Identifier: Apache-2.0

using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Threading.RateLimiting;
using Lineage.Metadata.Cron.Evm;

namespace Lineage.Node.Evm;

/// <summary>
/// <see cref="IEvmChainClient"/> over HTTP JSON-RPC 2.0. Every request goes through the endpoint's shared rate
/// limiter, has a deadline and a response-size limit, and every failure becomes an <see cref="EvmRpcException"/>.
/// </summary>
public sealed class HttpEvmChainClient : IEvmChainClient
{
    private readonly HttpClient _http;
    private readonly Uri _endpoint;
    private readonly EvmClientOptions _options;
    private readonly RateLimiter? _limiter;
    private long _nextId;

    /// <param name="http">Shared client (its own timeout is not used; <see cref="EvmClientOptions.RequestTimeout"/> is).</param>
    /// <param name="endpoint">An absolute http(s) URL.</param>
    /// <param name="options">Limits.</param>
    /// <param name="limiter">The endpoint's shared rate limiter, or null for none.</param>
    public HttpEvmChainClient(HttpClient http, Uri endpoint, EvmClientOptions options, RateLimiter? limiter)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        _http = http;
        _endpoint = endpoint;
        _options = options;
        _limiter = limiter;
        Endpoint = EvmEndpoint.Display(endpoint);
    }

    public string Endpoint { get; }

    public async Task<ulong> GetChainIdAsync(CancellationToken cancellationToken)
    {
        using JsonDocument response = await CallAsync("eth_chainId", static _ => { }, cancellationToken).ConfigureAwait(false);
        return Interpret("eth_chainId", response, static result => EvmJson.Quantity(result, "result"));
    }

    public async Task<ulong> GetBlockNumberAsync(CancellationToken cancellationToken)
    {
        using JsonDocument response = await CallAsync("eth_blockNumber", static _ => { }, cancellationToken).ConfigureAwait(false);
        return Interpret("eth_blockNumber", response, static result => EvmJson.Quantity(result, "result"));
    }

    public async Task<IReadOnlyList<EvmLog>> GetLogsAsync(EvmLogFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        using JsonDocument response = await CallAsync(
            "eth_getLogs",
            writer =>
            {
                writer.WriteStartObject();
                writer.WriteString("fromBlock", Hex(filter.FromBlock));
                writer.WriteString("toBlock", Hex(filter.ToBlock));
                writer.WriteString("address", filter.Address);
                writer.WriteStartArray("topics");
                writer.WriteStringValue(filter.Topic0);
                writer.WriteEndArray();
                writer.WriteEndObject();
            },
            cancellationToken).ConfigureAwait(false);
        return Interpret("eth_getLogs", response, static result => EvmJson.Logs(result, "result"));
    }

    public async Task<EvmBlockHeader?> GetBlockByNumberAsync(ulong number, CancellationToken cancellationToken)
    {
        using JsonDocument response = await CallAsync(
            "eth_getBlockByNumber",
            writer =>
            {
                writer.WriteStringValue(Hex(number));
                writer.WriteBooleanValue(false);
            },
            cancellationToken).ConfigureAwait(false);
        return Interpret<EvmBlockHeader?>(
            "eth_getBlockByNumber",
            response,
            static result => result.ValueKind == JsonValueKind.Null ? null : EvmJson.Block(result));
    }

    public async Task<EvmTransactionReceipt?> GetTransactionReceiptAsync(string transactionHash, CancellationToken cancellationToken)
    {
        using JsonDocument response = await CallAsync(
            "eth_getTransactionReceipt",
            writer => writer.WriteStringValue(transactionHash),
            cancellationToken).ConfigureAwait(false);
        return Interpret<EvmTransactionReceipt?>(
            "eth_getTransactionReceipt",
            response,
            static result => result.ValueKind == JsonValueKind.Null ? null : EvmJson.Receipt(result));
    }

    private static string Hex(ulong value) => "0x" + value.ToString("x", CultureInfo.InvariantCulture);

    private T Interpret<T>(string method, JsonDocument response, Func<JsonElement, T> read)
    {
        JsonElement root = response.RootElement;
        try
        {
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException($"expected a JSON-RPC response object, got {root.ValueKind}");
            }

            if (!root.TryGetProperty("jsonrpc", out JsonElement version) || version.ValueKind != JsonValueKind.String
                || version.GetString() != "2.0")
            {
                throw new FormatException("missing \"jsonrpc\": \"2.0\"");
            }

            if (root.TryGetProperty("error", out JsonElement error) && error.ValueKind != JsonValueKind.Null)
            {
                long? code = error.ValueKind == JsonValueKind.Object && error.TryGetProperty("code", out JsonElement c)
                    && c.TryGetInt64(out long parsed) ? parsed : null;
                string message = error.ValueKind == JsonValueKind.Object && error.TryGetProperty("message", out JsonElement m)
                    && m.ValueKind == JsonValueKind.String ? m.GetString()! : error.GetRawText();
                throw new EvmRpcException(EvmRpcErrorKind.RpcError, Endpoint, method,
                    $"error {code?.ToString(CultureInfo.InvariantCulture) ?? "?"}: {EvmJson.Snippet(message)}")
                {
                    RpcErrorCode = code,
                };
            }

            if (!root.TryGetProperty("result", out JsonElement result))
            {
                throw new FormatException("response has neither result nor error");
            }

            return read(result);
        }
        catch (FormatException e)
        {
            throw new EvmRpcException(EvmRpcErrorKind.MalformedResponse, Endpoint, method, e.Message, e);
        }
    }

    private async Task<JsonDocument> CallAsync(string method, Action<Utf8JsonWriter> writeParams, CancellationToken cancellationToken)
    {
        if (_limiter is not null)
        {
            using RateLimitLease lease = await _limiter.AcquireAsync(1, cancellationToken).ConfigureAwait(false);
        }

        long id = Interlocked.Increment(ref _nextId);
        var body = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(body))
        {
            writer.WriteStartObject();
            writer.WriteString("jsonrpc", "2.0");
            writer.WriteNumber("id", id);
            writer.WriteString("method", method);
            writer.WriteStartArray("params");
            writeParams(writer);
            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(_options.RequestTimeout);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, _endpoint)
            {
                Content = new ReadOnlyMemoryContent(body.WrittenMemory),
            };
            request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
            using HttpResponseMessage response = await _http
                .SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token)
                .ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw new EvmRpcException(EvmRpcErrorKind.HttpStatus, Endpoint, method,
                    $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}");
            }

            byte[] payload = await ReadBoundedAsync(response, method, deadline.Token).ConfigureAwait(false);
            try
            {
                return JsonDocument.Parse(payload, new JsonDocumentOptions { MaxDepth = 16 });
            }
            catch (JsonException e)
            {
                throw new EvmRpcException(EvmRpcErrorKind.MalformedResponse, Endpoint, method,
                    $"not JSON at byte {e.BytePositionInLine}: '{EvmJson.Snippet(Printable(payload))}'", e);
            }
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new EvmRpcException(EvmRpcErrorKind.Timeout, Endpoint, method,
                $"no answer within {_options.RequestTimeout.TotalMilliseconds:0} ms", e);
        }
        catch (HttpRequestException e)
        {
            string reason = e.HttpRequestError == HttpRequestError.Unknown ? e.Message : $"{e.HttpRequestError}: {e.Message}";
            throw new EvmRpcException(EvmRpcErrorKind.Unreachable, Endpoint, method, reason, e);
        }
    }

    private async Task<byte[]> ReadBoundedAsync(HttpResponseMessage response, string method, CancellationToken cancellationToken)
    {
        long? declared = response.Content.Headers.ContentLength;
        if (declared > _options.MaxResponseBytes)
        {
            throw new EvmRpcException(EvmRpcErrorKind.ResponseTooLarge, Endpoint, method,
                $"{declared} bytes exceeds the {_options.MaxResponseBytes}-byte limit");
        }

        Stream stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            using var buffer = new MemoryStream(declared is > 0 ? (int)declared.Value : 4096);
            byte[] chunk = ArrayPool<byte>.Shared.Rent(64 * 1024);
            try
            {
                int read;
                while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    if (buffer.Length + read > _options.MaxResponseBytes)
                    {
                        throw new EvmRpcException(EvmRpcErrorKind.ResponseTooLarge, Endpoint, method,
                            $"response exceeds the {_options.MaxResponseBytes}-byte limit");
                    }

                    buffer.Write(chunk, 0, read);
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(chunk);
            }

            return buffer.ToArray();
        }
    }

    private static string Printable(byte[] payload)
    {
        string text = Encoding.UTF8.GetString(payload, 0, Math.Min(payload.Length, 64));
        var builder = new StringBuilder(text.Length);
        foreach (char c in text)
        {
            builder.Append(char.IsControl(c) ? '?' : c);
        }

        return builder.ToString();
    }
}
