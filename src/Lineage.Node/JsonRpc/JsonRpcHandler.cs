// SPDX-License-Identifier: Apache-2.0

using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Lineage.Node.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Lineage.Node.JsonRpc;

/// <summary>
/// JSON-RPC 2.0 request processing, independent of HTTP: parses one request or a batch, dispatches each call to its
/// <see cref="JsonRpcMethod"/>, and writes the response (or nothing when every call was a notification).
/// </summary>
/// <remarks>
/// Follows the specification: <c>-32700</c> for invalid JSON, <c>-32600</c> for anything that is not a request
/// object (an empty batch is one such error, each invalid batch element gets its own), <c>-32601</c> for unknown
/// methods, <c>-32602</c> for params that do not bind, <c>-32603</c> for unexpected failures (logged, with no
/// internals in the answer). The id is echoed exactly as sent (string, number or null). Calls of a batch run one after
/// another, in order, so a batch of writes behaves like the same calls sent one by one.
/// </remarks>
internal sealed class JsonRpcHandler
{
    private static readonly JsonDocumentOptions s_documentOptions = new() { MaxDepth = 64 };

    private readonly IReadOnlyDictionary<string, JsonRpcMethod> _methods;
    private readonly JsonSerializerOptions _resultOptions;
    private readonly int _maxBatchSize;
    private readonly NodeMetrics _metrics;
    private readonly ILogger _logger;

    public JsonRpcHandler(
        IReadOnlyDictionary<string, JsonRpcMethod> methods,
        JsonSerializerOptions resultOptions,
        int maxBatchSize,
        NodeMetrics metrics,
        ILogger logger)
    {
        _methods = methods;
        _resultOptions = resultOptions;
        _maxBatchSize = maxBatchSize;
        _metrics = metrics;
        _logger = logger;
    }

    /// <summary>Processes a request body; returns the response body, or null when no response is due.</summary>
    public async Task<byte[]?> HandleAsync(ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, s_documentOptions);
        }
        catch (JsonException ex)
        {
            _metrics.RpcRejected("parse_error");
            string position = ex.BytePositionInLine is { } column
                ? string.Create(CultureInfo.InvariantCulture, $" (line {ex.LineNumber + 1}, byte {column + 1})")
                : string.Empty;
            return ErrorOnly(JsonRpcErrorCode.ParseError, "parse error: invalid JSON" + position);
        }

        using (document)
        {
            var buffer = new ArrayBufferWriter<byte>(256);
            await using var writer = new Utf8JsonWriter(buffer);
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Array)
            {
                return await ProcessAsync(root, writer, cancellationToken).ConfigureAwait(false)
                    ? Finish(writer, buffer)
                    : null;
            }

            int count = root.GetArrayLength();
            if (count == 0)
            {
                _metrics.RpcRejected("empty_batch");
                return ErrorOnly(JsonRpcErrorCode.InvalidRequest, "invalid request: empty batch");
            }

            if (count > _maxBatchSize)
            {
                _metrics.RpcRejected("batch_too_large");
                return ErrorOnly(
                    JsonRpcErrorCode.InvalidRequest,
                    string.Create(CultureInfo.InvariantCulture, $"invalid request: batch of {count} calls exceeds the limit of {_maxBatchSize}"));
            }

            int responses = 0;
            writer.WriteStartArray();
            foreach (JsonElement call in root.EnumerateArray())
            {
                if (await ProcessAsync(call, writer, cancellationToken).ConfigureAwait(false))
                {
                    responses++;
                }
            }

            writer.WriteEndArray();
            return responses == 0 ? null : Finish(writer, buffer);
        }
    }

    /// <summary>A complete response holding only an error with a null id.</summary>
    public static byte[] ErrorOnly(int code, string message)
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            WriteError(writer, id: null, code, message);
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static byte[] Finish(Utf8JsonWriter writer, ArrayBufferWriter<byte> buffer)
    {
        writer.Flush();
        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteError(Utf8JsonWriter writer, JsonElement? id, int code, string message)
    {
        writer.WriteStartObject();
        writer.WriteString("jsonrpc", "2.0");
        writer.WriteStartObject("error");
        writer.WriteNumber("code", code);
        writer.WriteString("message", message);
        writer.WriteEndObject();
        WriteId(writer, id);
        writer.WriteEndObject();
    }

    private static void WriteId(Utf8JsonWriter writer, JsonElement? id)
    {
        writer.WritePropertyName("id");
        if (id is { } value)
        {
            value.WriteTo(writer);
        }
        else
        {
            writer.WriteNullValue();
        }
    }

    private static string? ValidateEnvelope(JsonElement call, out JsonElement? id, out bool isNotification)
    {
        id = null;
        isNotification = false;
        if (call.ValueKind != JsonValueKind.Object)
        {
            return "invalid request: a call must be a JSON object";
        }

        if (call.TryGetProperty("id", out JsonElement idElement))
        {
            if (idElement.ValueKind is not (JsonValueKind.String or JsonValueKind.Number or JsonValueKind.Null))
            {
                return "invalid request: id must be a string, a number or null";
            }

            id = idElement;
        }
        else
        {
            isNotification = true;
        }

        if (!call.TryGetProperty("jsonrpc", out JsonElement version) || version.ValueKind != JsonValueKind.String
            || version.GetString() != "2.0")
        {
            return "invalid request: jsonrpc must be \"2.0\"";
        }

        if (!call.TryGetProperty("method", out JsonElement method) || method.ValueKind != JsonValueKind.String)
        {
            return "invalid request: method must be a string";
        }

        if (call.TryGetProperty("params", out JsonElement parameters)
            && parameters.ValueKind is not (JsonValueKind.Array or JsonValueKind.Object))
        {
            return "invalid request: params must be an array or an object";
        }

        return null;
    }

    private async Task<bool> ProcessAsync(JsonElement call, Utf8JsonWriter writer, CancellationToken cancellationToken)
    {
        string? invalid = ValidateEnvelope(call, out JsonElement? id, out bool isNotification);
        if (invalid is not null)
        {
            // Not a valid request, so not a notification either: always answered (with a null id if it had none).
            _metrics.RpcRejected("invalid_request");
            WriteError(writer, id, JsonRpcErrorCode.InvalidRequest, invalid);
            return true;
        }

        string methodName = call.GetProperty("method").GetString()!;
        JsonElement? parameters = call.TryGetProperty("params", out JsonElement p) ? p : null;
        long started = Stopwatch.GetTimestamp();
        if (!_methods.TryGetValue(methodName, out JsonRpcMethod? method))
        {
            _metrics.RpcCall("unknown", JsonRpcErrorCode.MethodNotFound.ToString(CultureInfo.InvariantCulture), Stopwatch.GetElapsedTime(started));
            if (!isNotification)
            {
                WriteError(writer, id, JsonRpcErrorCode.MethodNotFound, $"method not found: {methodName}");
            }

            return !isNotification;
        }

        byte[] result;
        try
        {
            object? value = await method(new JsonRpcParams(methodName, parameters), cancellationToken).ConfigureAwait(false);
            result = JsonSerializer.SerializeToUtf8Bytes(value, value?.GetType() ?? typeof(object), _resultOptions);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            (int code, string message) = Classify(methodName, ex);
            _metrics.RpcCall(methodName, code.ToString(CultureInfo.InvariantCulture), Stopwatch.GetElapsedTime(started));
            if (!isNotification)
            {
                WriteError(writer, id, code, message);
            }

            return !isNotification;
        }

        _metrics.RpcCall(methodName, "ok", Stopwatch.GetElapsedTime(started));
        if (isNotification)
        {
            return false;
        }

        writer.WriteStartObject();
        writer.WriteString("jsonrpc", "2.0");
        writer.WritePropertyName("result");
        writer.WriteRawValue(result, skipInputValidation: true);
        WriteId(writer, id);
        writer.WriteEndObject();
        return true;
    }

    private (int Code, string Message) Classify(string methodName, Exception exception)
    {
        switch (exception)
        {
            case JsonRpcException rpc:
                Log.RpcError(_logger, methodName, rpc.Code, rpc.Message);
                return (rpc.Code, rpc.Message);
            case ArgumentException or FormatException:
                // The domain rejects malformed input (bad keys, hex, base58, filters) with these: the caller's fault.
                Log.RpcError(_logger, methodName, JsonRpcErrorCode.InvalidParams, exception.Message);
                return (JsonRpcErrorCode.InvalidParams, $"{methodName}: {exception.Message}");
            default:
                Log.RpcInternalError(_logger, methodName, exception);
                return (JsonRpcErrorCode.InternalError, $"internal error in {methodName}");
        }
    }
}
