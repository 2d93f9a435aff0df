// SPDX-License-Identifier: Apache-2.0

using Lineage.P2p.Multiaddresses;

namespace Lineage.P2p.Transports;

/// <summary>A bound listener of one transport.</summary>
public interface ITransportListener : IAsyncDisposable
{
    /// <summary>The bound address (with the real port when 0 was requested).</summary>
    Multiaddr Address { get; }

    /// <summary>Waits for the next connection.</summary>
    ValueTask<IncomingConnection> AcceptAsync(CancellationToken cancellationToken);
}
