// SPDX-License-Identifier: Apache-2.0

using System.Net.Sockets;
using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text;
using Lineage.P2p.Multiaddresses;

namespace Lineage.P2p.Transports;

/// <summary>
/// WebSocket (<c>/…/tcp/port/ws</c>): a plain byte pipe of binary messages, with Noise and yamux above it as over
/// TCP. The HTTP upgrade is done by hand on both sides (no path, no subprotocol, no compression), bounded in
/// size and time.
/// </summary>
public sealed class WebSocketTransport : ITransport
{
    private const int MaxHandshakeBytes = 8 * 1024;
    private const string AcceptGuid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    public bool CanDial(Multiaddr address) => IsWs(address);

    public bool CanListen(Multiaddr address) => IsWs(address);

    public async ValueTask<TransportConnection> DialAsync(Multiaddr address, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(address);
        Socket socket = await TcpTransport.ConnectAsync(address, cancellationToken).ConfigureAwait(false);
        try
        {
            address.TryGetTcpEndpoint(out string? host, out int port, out _);
            var network = new NetworkStream(socket, ownsSocket: true);
            string key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
            string hostHeader = host!.Contains(':', StringComparison.Ordinal) ? $"[{host}]:{port}" : $"{host}:{port}";
            string request = $"GET / HTTP/1.1\r\nHost: {hostHeader}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n";
            await network.WriteAsync(Encoding.ASCII.GetBytes(request), cancellationToken).ConfigureAwait(false);
            string[] lines = await ReadHeadAsync(network, cancellationToken).ConfigureAwait(false);
            if (lines.Length == 0 || !lines[0].StartsWith("HTTP/1.1 101", StringComparison.Ordinal))
            {
                throw new IOException($"websocket upgrade refused: {(lines.Length > 0 ? lines[0] : "empty response")}");
            }

            string? accept = Header(lines, "Sec-WebSocket-Accept");
            if (accept != ComputeAccept(key))
            {
                throw new IOException("websocket upgrade: wrong Sec-WebSocket-Accept");
            }

            WebSocket ws = WebSocket.CreateFromStream(network, new WebSocketCreationOptions { IsServer = false, KeepAliveInterval = TimeSpan.Zero });
            return new TransportConnection(new WebSocketByteStream(ws, network), TcpTransport.LocalAddressOf(socket, true), TcpTransport.RemoteAddressOf(socket, true), () => TcpTransport.CloseQuietly(socket));
        }
        catch
        {
            TcpTransport.CloseQuietly(socket);
            throw;
        }
    }

    public ValueTask<ITransportListener> ListenAsync(Multiaddr address, CancellationToken cancellationToken) =>
        ValueTask.FromResult<ITransportListener>(new TcpTransportListener(TcpTransport.Bind(address), webSocket: true));

    internal static async ValueTask<TransportConnection> AcceptUpgradeAsync(Socket socket, CancellationToken cancellationToken)
    {
        var network = new NetworkStream(socket, ownsSocket: true);
        try
        {
            string[] lines = await ReadHeadAsync(network, cancellationToken).ConfigureAwait(false);
            string? key = Header(lines, "Sec-WebSocket-Key");
            bool isUpgrade = lines.Length > 0 && lines[0].StartsWith("GET ", StringComparison.Ordinal)
                && string.Equals(Header(lines, "Upgrade"), "websocket", StringComparison.OrdinalIgnoreCase) && key is not null;
            if (!isUpgrade)
            {
                await network.WriteAsync("HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n"u8.ToArray(), cancellationToken).ConfigureAwait(false);
                throw new IOException("websocket: not an upgrade request");
            }

            string response = $"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: {ComputeAccept(key!)}\r\n\r\n";
            await network.WriteAsync(Encoding.ASCII.GetBytes(response), cancellationToken).ConfigureAwait(false);
            WebSocket ws = WebSocket.CreateFromStream(network, new WebSocketCreationOptions { IsServer = true, KeepAliveInterval = TimeSpan.Zero });
            return new TransportConnection(new WebSocketByteStream(ws, network), TcpTransport.LocalAddressOf(socket, true), TcpTransport.RemoteAddressOf(socket, true), () => TcpTransport.CloseQuietly(socket));
        }
        catch
        {
            TcpTransport.CloseQuietly(socket);
            throw;
        }
    }

    private static bool IsWs(Multiaddr address)
    {
        ArgumentNullException.ThrowIfNull(address);
        IReadOnlyList<MultiaddrComponent> parts = address.WithoutPeerId().Components;
        return parts.Count == 3 && parts[2].Protocol == MultiaddrProtocol.Ws && address.TryGetTcpEndpoint(out _, out _, out _);
    }

#pragma warning disable CA5350 // RFC 6455 fixes SHA-1 for the accept key; it is not a security boundary here
    private static string ComputeAccept(string key) => Convert.ToBase64String(SHA1.HashData(Encoding.ASCII.GetBytes(key + AcceptGuid)));
#pragma warning restore CA5350

    private static string? Header(string[] lines, string name)
    {
        foreach (string line in lines.Skip(1))
        {
            int colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && line.AsSpan(0, colon).Trim().Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return line[(colon + 1)..].Trim();
            }
        }

        return null;
    }

    // Reads byte by byte up to the blank line so that no WebSocket frame bytes are consumed with the head.
    private static async ValueTask<string[]> ReadHeadAsync(Stream stream, CancellationToken cancellationToken)
    {
        byte[] head = new byte[MaxHandshakeBytes];
        int length = 0;
        while (true)
        {
            if (length == head.Length)
            {
                throw new IOException($"websocket: HTTP head larger than {MaxHandshakeBytes} bytes");
            }

            int n = await stream.ReadAsync(head.AsMemory(length, 1), cancellationToken).ConfigureAwait(false);
            if (n == 0)
            {
                throw new IOException("websocket: connection closed during the HTTP upgrade");
            }

            length++;
            if (length >= 4 && head[length - 4] == '\r' && head[length - 3] == '\n' && head[length - 2] == '\r' && head[length - 1] == '\n')
            {
                return Encoding.ASCII.GetString(head, 0, length - 4).Split("\r\n");
            }
        }
    }
}
