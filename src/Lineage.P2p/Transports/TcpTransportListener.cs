// SPDX-License-Identifier: Apache-2.0

using System.Net;
using System.Net.Sockets;
using Lineage.P2p.Multiaddresses;

namespace Lineage.P2p.Transports;

/// <summary>A listening TCP socket; with <c>webSocket</c> set, accepted sockets complete a WebSocket upgrade.</summary>
internal sealed class TcpTransportListener : ITransportListener
{
    private readonly Socket _socket;
    private readonly bool _webSocket;

    public TcpTransportListener(Socket socket, bool webSocket)
    {
        _socket = socket;
        _webSocket = webSocket;
        Address = Multiaddr.FromTcpEndpoint((IPEndPoint)socket.LocalEndPoint!, webSocket);
    }

    public Multiaddr Address { get; }

    public async ValueTask<IncomingConnection> AcceptAsync(CancellationToken cancellationToken)
    {
        Socket accepted = await _socket.AcceptAsync(cancellationToken).ConfigureAwait(false);
        accepted.NoDelay = true;
        Multiaddr local;
        Multiaddr remote;
        try
        {
            local = TcpTransport.LocalAddressOf(accepted, _webSocket);
            remote = TcpTransport.RemoteAddressOf(accepted, _webSocket);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            accepted.Dispose();
            throw new IOException("accepted socket closed at once", ex);
        }

        return new IncomingConnection(
            local,
            remote,
            async ct => _webSocket ? await WebSocketTransport.AcceptUpgradeAsync(accepted, ct).ConfigureAwait(false) : TcpTransport.Wrap(accepted, webSocket: false),
            () => TcpTransport.CloseQuietly(accepted));
    }

    public ValueTask DisposeAsync()
    {
        _socket.Dispose();
        return ValueTask.CompletedTask;
    }
}
