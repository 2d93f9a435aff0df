// SPDX-License-Identifier: Apache-2.0

using Lineage.P2p.Hosting;
using Lineage.P2p.Identity;
using Lineage.P2p.Kademlia;
using Lineage.P2p.Multiaddresses;
using Lineage.Peer.Builtins;

namespace Lineage.Peer.Network;

/// <summary>What the <c>peer</c>/<c>kad</c> builtins see of the libp2p host (and of its Kademlia routing table, if any).</summary>
public sealed class Libp2pNodeView(Libp2pHost host, KademliaDht? kademlia = null) : INodeView
{
    public IReadOnlyList<string> ExternalAddresses =>
        [.. host.ListenAddresses.Select(a => a.WithPeerId(host.PeerId).ToString())];

    public bool IsConnected(string peerId) => PeerId.TryParse(peerId, out PeerId? peer) && host.Connections.Get(peer) is not null;

    public IReadOnlyList<string>? GetAddresses(string peerId)
    {
        if (!PeerId.TryParse(peerId, out PeerId? peer))
        {
            return null;
        }

        IReadOnlyList<Multiaddr> known = host.PeerStore.GetAddresses(peer);
        Connection? connection = host.Connections.Get(peer);
        if (known.Count == 0 && connection is null)
        {
            return null;
        }

        return [.. known.Select(a => a.ToString()).DefaultIfEmpty(connection?.RemoteAddress.ToString() ?? string.Empty)];
    }

    public async ValueTask<bool> ConnectAsync(string peerId, IReadOnlyList<string> multiaddrs, CancellationToken cancellationToken)
    {
        if (!PeerId.TryParse(peerId, out PeerId? peer))
        {
            return false;
        }

        host.PeerStore.AddAddresses(peer, multiaddrs.Select(m => Multiaddr.TryParse(m, out Multiaddr? a) ? a : null).OfType<Multiaddr>());
        try
        {
            await host.DialAsync(peer, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception error) when (error is IOException or P2p.P2pProtocolException or TimeoutException or System.Net.Sockets.SocketException)
        {
            return false;
        }
    }

    public ValueTask<IReadOnlyList<string>> NeighborhoodAsync(byte[] key, bool alreadyHashed, int count, CancellationToken cancellationToken)
    {
        if (kademlia is not null)
        {
            // nox answers from its routing table (no network query): the peers closest to the key by XOR distance.
            byte[] position = alreadyHashed && key.Length == 32 ? key : KadDistance.Position(key);
            IEnumerable<PeerId> closest = kademlia.RoutingTable.Closest(position, int.MaxValue)
                .OrderBy(p => KadDistance.Between(position, KadDistance.Position(p.Bytes)))
                .Take(count);
            return ValueTask.FromResult<IReadOnlyList<string>>([.. closest.Select(p => p.ToString())]);
        }

        // Without Kademlia the neighbourhood is the set of peers this node knows.
        IEnumerable<string> known = host.PeerStore.Peers.Concat(host.Connections.ConnectedPeers).Select(p => p.ToString()).Distinct(StringComparer.Ordinal);
        return ValueTask.FromResult<IReadOnlyList<string>>([.. known.Take(count)]);
    }
}
