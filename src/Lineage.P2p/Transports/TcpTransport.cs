// SPDX-License-Identifier: Apache-2.0

using System.Net;
using System.Net.Sockets;
using Lineage.P2p.Multiaddresses;

namespace Lineage.P2p.Transports;

/// <summary>TCP: <c>/ip4|ip6|dns|dns4|dns6/…/tcp/port</c>, no-delay sockets.</summary>
public sealed class TcpTransport : ITransport
{
    public bool CanDial(Multiaddr address) => IsPlainTcp(address);

    public bool CanListen(Multiaddr address) => IsPlainTcp(address);

    public async ValueTask<TransportConnection> DialAsync(Multiaddr address, CancellationToken cancellationToken)
    {
        Socket socket = await ConnectAsync(address, cancellationToken).ConfigureAwait(false);
        return Wrap(socket, webSocket: false);
    }

    public ValueTask<ITransportListener> ListenAsync(Multiaddr address, CancellationToken cancellationToken)
    {
        Socket socket = Bind(address);
        return ValueTask.FromResult<ITransportListener>(new TcpTransportListener(socket, webSocket: false));
    }

    internal static bool IsPlainTcp(Multiaddr address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return address.TryGetTcpEndpoint(out _, out _, out _) && address.WithoutPeerId().Components.Count == 2;
    }

    internal static async ValueTask<Socket> ConnectAsync(Multiaddr address, CancellationToken cancellationToken)
    {
        if (!address.TryGetTcpEndpoint(out string? host, out int port, out AddressFamily family))
        {
            throw new ArgumentException($"not a TCP address: {address}", nameof(address));
        }

        IPAddress[] candidates = IPAddress.TryParse(host, out IPAddress? literal)
            ? [literal]
            : (await Dns.GetHostAddressesAsync(host, family, cancellationToken).ConfigureAwait(false));
        if (candidates.Length == 0)
        {
            throw new IOException($"{host} did not resolve to an address");
        }

        Exception? last = null;
        foreach (IPAddress ip in candidates)
        {
            var socket = new Socket(ip.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(ip, port), cancellationToken).ConfigureAwait(false);
                return socket;
            }
            catch (SocketException ex)
            {
                socket.Dispose();
                last = ex;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        throw new IOException($"could not connect to {address}: {last?.Message}", last);
    }

    internal static Socket Bind(Multiaddr address)
    {
        if (!address.TryGetTcpEndpoint(out string? host, out int port, out _) || !IPAddress.TryParse(host, out IPAddress? ip))
        {
            throw new ArgumentException($"can only listen on an IP address: {address}", nameof(address));
        }

        var socket = new Socket(ip.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.Bind(new IPEndPoint(ip, port));
            socket.Listen(1024);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    internal static TransportConnection Wrap(Socket socket, bool webSocket) =>
        new(new NetworkStream(socket, ownsSocket: true), LocalAddressOf(socket, webSocket), RemoteAddressOf(socket, webSocket), () => CloseQuietly(socket));

    internal static Multiaddr LocalAddressOf(Socket socket, bool webSocket) => Multiaddr.FromTcpEndpoint((IPEndPoint)socket.LocalEndPoint!, webSocket);

    internal static Multiaddr RemoteAddressOf(Socket socket, bool webSocket) => Multiaddr.FromTcpEndpoint((IPEndPoint)socket.RemoteEndPoint!, webSocket);

    internal static void CloseQuietly(Socket socket)
    {
        try
        {
            socket.Shutdown(SocketShutdown.Both);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
        }

        socket.Dispose();
    }
}
