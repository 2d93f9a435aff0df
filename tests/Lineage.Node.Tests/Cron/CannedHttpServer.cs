// SPDX-License-Identifier: Apache-2.0

using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Lineage.Node.Tests.Cron;

/// <summary>
/// A tiny loopback HTTP server that answers every request with one fixed, possibly broken, response — the
/// "endpoint returning garbage" case, which no real EVM node produces on purpose. With a null response it accepts
/// connections and never answers (timeout case).
/// </summary>
public sealed class CannedHttpServer : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly byte[]? _response;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _acceptLoop;
    private readonly List<Task> _connections = [];
    private int _requests;

    public CannedHttpServer(string? rawResponse)
    {
        _response = rawResponse is null ? null : Encoding.UTF8.GetBytes(rawResponse);
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        Url = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/rpc/secret-api-key");
        _acceptLoop = AcceptAsync(_stop.Token);
    }

    /// <summary>The URL clients use (its path imitates a hosted RPC URL carrying an API key).</summary>
    public Uri Url { get; }

    public int Requests => Volatile.Read(ref _requests);

    /// <summary>An HTTP 200 response with the given body.</summary>
    public static string Ok(string body, string contentType = "application/json") =>
        $"HTTP/1.1 200 OK\r\nContent-Type: {contentType}\r\nContent-Length: {Encoding.UTF8.GetByteCount(body)}\r\nConnection: close\r\n\r\n{body}";

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _acceptLoop;
        Task[] connections;
        lock (_connections)
        {
            connections = [.. _connections];
        }

        await Task.WhenAll(connections);
        _stop.Dispose();
    }

    private async Task AcceptAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(cancellationToken);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            lock (_connections)
            {
                _connections.Add(ServeAsync(client, cancellationToken));
            }
        }
    }

    private async Task ServeAsync(TcpClient client, CancellationToken cancellationToken)
    {
        using (client)
        {
            try
            {
                NetworkStream stream = client.GetStream();
                await ReadRequestAsync(stream, cancellationToken);
                Interlocked.Increment(ref _requests);
                if (_response is null)
                {
                    await Task.Delay(Timeout.Infinite, cancellationToken);
                    return;
                }

                await stream.WriteAsync(_response, cancellationToken);
                await stream.FlushAsync(cancellationToken);
            }
            catch (Exception e) when (e is OperationCanceledException or IOException or SocketException)
            {
                // the client went away or the server is stopping
            }
        }
    }

    private static async Task ReadRequestAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var received = new List<byte>();
        var buffer = new byte[4096];
        int headerEnd = -1;
        while (headerEnd < 0)
        {
            int read = await stream.ReadAsync(buffer, cancellationToken);
            if (read == 0)
            {
                return;
            }

            received.AddRange(buffer.AsSpan(0, read));
            headerEnd = IndexOfHeaderEnd(received);
        }

        string headers = Encoding.ASCII.GetString([.. received], 0, headerEnd);
        int contentLength = 0;
        foreach (string line in headers.Split("\r\n"))
        {
            if (line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
            {
                contentLength = int.Parse(line.AsSpan("Content-Length:".Length).Trim(), System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        int bodyReceived = received.Count - (headerEnd + 4);
        while (bodyReceived < contentLength)
        {
            int read = await stream.ReadAsync(buffer, cancellationToken);
            if (read == 0)
            {
                return;
            }

            bodyReceived += read;
        }
    }

    private static int IndexOfHeaderEnd(List<byte> data)
    {
        for (int i = 3; i < data.Count; i++)
        {
            if (data[i - 3] == '\r' && data[i - 2] == '\n' && data[i - 1] == '\r' && data[i] == '\n')
            {
                return i - 3;
            }
        }

        return -1;
    }
}
