// SPDX-License-Identifier: Apache-2.0

using Lineage.P2p.Multiaddresses;

namespace Lineage.P2p.Transports;

/// <summary>A libp2p transport: dials and listens on the multiaddrs it understands.</summary>
public interface ITransport
{
    bool CanDial(Multiaddr address);

    bool CanListen(Multiaddr address);

    ValueTask<TransportConnection> DialAsync(Multiaddr address, CancellationToken cancellationToken);

    ValueTask<ITransportListener> ListenAsync(Multiaddr address, CancellationToken cancellationToken);
}
