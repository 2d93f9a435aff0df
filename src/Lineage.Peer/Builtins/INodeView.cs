// SPDX-License-Identifier: Apache-2.0

namespace Lineage.Peer.Builtins;

/// <summary>What the <c>peer</c> and <c>kad</c> builtins need from the libp2p host.</summary>
public interface INodeView
{
    /// <summary>Full multiaddrs other peers can dial (<c>peer.identify</c> <c>external_addresses</c>).</summary>
    IReadOnlyList<string> ExternalAddresses { get; }

    bool IsConnected(string peerId);

    /// <summary>Known addresses of a peer (connected or from the routing table), or null when unknown.</summary>
    IReadOnlyList<string>? GetAddresses(string peerId);

    ValueTask<bool> ConnectAsync(string peerId, IReadOnlyList<string> multiaddrs, CancellationToken cancellationToken);

    /// <summary>The <paramref name="count"/> peers closest to <paramref name="key"/> in the Kademlia keyspace.</summary>
    ValueTask<IReadOnlyList<string>> NeighborhoodAsync(byte[] key, bool alreadyHashed, int count, CancellationToken cancellationToken);
}
