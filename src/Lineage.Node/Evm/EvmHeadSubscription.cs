// SPDX-License-Identifier: Apache-2.0

using System.Buffers;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Lineage.Node.Evm;

/// <summary>
/// <c>eth_subscribe("newHeads")</c> over the endpoint's WebSocket (same host, port and path as its http(s) URL):
/// calls <c>onHead</c> for every new block so a follower polls at once instead of at the end of its interval.
/// Polling stays the source of truth: a refused subscription ends this task quietly, a lost connection is retried
/// with back-off, and a missed notification only costs one poll interval.
/// </summary>
internal sealed class EvmHeadSubscription
{
    private const int MaxMessageBytes = 256 * 1024;
    private static readonly TimeSpan s_connectTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan s_maxBackoff = TimeSpan.FromSeconds(60);
    private static readonly byte[] s_subscribe = Encoding.UTF8.GetBytes("""{"jsonrpc":"2.0","id":1,"method":"eth_subscribe","params":["newHeads"]}""");

    private readonly Uri _webSocket;
    private readonly string _display;
    private readonly Action _onHead;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public EvmHeadSubscription(Uri endpoint, Action onHead, TimeProvider time, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        _webSocket = new UriBuilder(endpoint) { Scheme = endpoint.Scheme == Uri.UriSchemeHttps ? "wss" : "ws" }.Uri;
        _display = EvmEndpoint.Display(endpoint);
        _onHead = onHead;
        _time = time;
        _logger = logger;
    }

    /// <summary>Subscribes until cancelled or until the endpoint refuses subscriptions.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        int failures = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                if (!await SubscribeAsync(cancellationToken).ConfigureAwait(false))
                {
                    return;
                }

                failures = 0;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is WebSocketException or IOException or JsonException or OperationCanceledException or InvalidDataException)
            {
                failures++;
                Log.HeadSubscriptionLost(_logger, _display, e.Message);
            }

            TimeSpan delay = TimeSpan.FromSeconds(Math.Min(s_maxBackoff.TotalSeconds, Math.Pow(2, Math.Min(failures, 6))));
            try
            {
                await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>One connection; false when the endpoint answers the subscription with an error (not supported).</summary>
    private async Task<bool> SubscribeAsync(CancellationToken cancellationToken)
    {
        using var socket = new ClientWebSocket();
        socket.Options.KeepAliveInterval = TimeSpan.FromSeconds(30);
        using (var connect = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            connect.CancelAfter(s_connectTimeout);
            await socket.ConnectAsync(_webSocket, connect.Token).ConfigureAwait(false);
        }

        await socket.SendAsync(s_subscribe, WebSocketMessageType.Text, endOfMessage: true, cancellationToken).ConfigureAwait(false);
        var buffer = new ArrayBufferWriter<byte>(4096);
        bool subscribed = false;
        while (true)
        {
            buffer.Clear();
            if (!await ReceiveAsync(socket, buffer, cancellationToken).ConfigureAwait(false))
            {
                throw new IOException("the endpoint closed the WebSocket");
            }

            using JsonDocument message = JsonDocument.Parse(buffer.WrittenMemory);
            JsonElement root = message.RootElement;
            if (!subscribed)
            {
                if (root.TryGetProperty("error", out JsonElement error))
                {
                    string refusal = error.GetRawText();
                    Log.HeadSubscriptionRefused(_logger, _display, refusal);
                    return false;
                }

                if (root.TryGetProperty("result", out _))
                {
                    subscribed = true;
                    Log.HeadSubscribed(_logger, _display);
                }

                continue;
            }

            if (root.TryGetProperty("method", out JsonElement method) && method.ValueKind == JsonValueKind.String
                && method.GetString() == "eth_subscription")
            {
                _onHead();
            }
        }
    }

    private static async Task<bool> ReceiveAsync(ClientWebSocket socket, ArrayBufferWriter<byte> buffer, CancellationToken cancellationToken)
    {
        while (true)
        {
            ValueWebSocketReceiveResult result = await socket.ReceiveAsync(buffer.GetMemory(4096), cancellationToken).ConfigureAwait(false);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return false;
            }

            buffer.Advance(result.Count);
            if (buffer.WrittenCount > MaxMessageBytes)
            {
                throw new InvalidDataException($"a WebSocket message exceeds {MaxMessageBytes} bytes");
            }

            if (result.EndOfMessage)
            {
                return true;
            }
        }
    }
}
