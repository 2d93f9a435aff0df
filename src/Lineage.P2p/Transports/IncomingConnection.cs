// SPDX-License-Identifier: Apache-2.0

using Lineage.P2p.Multiaddresses;

namespace Lineage.P2p.Transports;

/// <summary>
/// An accepted connection whose transport-level handshake (e.g. the WebSocket upgrade) has not run yet, so the
/// accept loop can apply limits before spending anything on it.
/// </summary>
public sealed class IncomingConnection
{
    private readonly Func<CancellationToken, ValueTask<TransportConnection>> _establish;
    private readonly Action _reject;

    public IncomingConnection(Multiaddr localAddress, Multiaddr remoteAddress, Func<CancellationToken, ValueTask<TransportConnection>> establish, Action reject)
    {
        LocalAddress = localAddress;
        RemoteAddress = remoteAddress;
        _establish = establish;
        _reject = reject;
    }

    public Multiaddr LocalAddress { get; }

    public Multiaddr RemoteAddress { get; }

    /// <summary>Completes the transport handshake.</summary>
    public ValueTask<TransportConnection> EstablishAsync(CancellationToken cancellationToken) => _establish(cancellationToken);

    /// <summary>Closes the connection without serving it.</summary>
    public void Reject() => _reject();
}
