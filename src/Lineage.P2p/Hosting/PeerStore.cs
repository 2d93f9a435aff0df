// SPDX-License-Identifier: Apache-2.0

using System.Collections.Concurrent;
using Lineage.P2p.Identity;
using Lineage.P2p.Multiaddresses;

namespace Lineage.P2p.Hosting;

/// <summary>Addresses, protocols and keys of known peers. Addresses are stored without <c>/p2p/</c>.</summary>
public sealed class PeerStore
{
    private const int MaxAddressesPerPeer = 32;
    private readonly ConcurrentDictionary<PeerId, PeerInfo> _peers = new();

    public PeerInfo? Get(PeerId peer) => _peers.TryGetValue(peer, out PeerInfo? info) ? info : null;

    public IReadOnlyList<Multiaddr> GetAddresses(PeerId peer) => Get(peer)?.Addresses ?? [];

    public IReadOnlyCollection<PeerId> Peers => (IReadOnlyCollection<PeerId>)_peers.Keys;

    public void AddAddresses(PeerId peer, IEnumerable<Multiaddr> addresses)
    {
        ArgumentNullException.ThrowIfNull(addresses);
        Multiaddr[] added = addresses.Select(a => a.WithoutPeerId()).ToArray();
        if (added.Length == 0)
        {
            return;
        }

        _peers.AddOrUpdate(
            peer,
            p => Empty(p) with { Addresses = added.Distinct().Take(MaxAddressesPerPeer).ToArray() },
            (_, old) => old with { Addresses = old.Addresses.Concat(added).Distinct().Take(MaxAddressesPerPeer).ToArray() });
    }

    /// <summary>Applies an identify (or push) message; null fields leave the stored value unchanged.</summary>
    public PeerInfo Update(PeerId peer, IReadOnlyList<Multiaddr>? listenAddresses, IReadOnlyList<string>? protocols, string? agentVersion, string? protocolVersion, PublicKey? publicKey, Multiaddr? observed)
    {
        return _peers.AddOrUpdate(
            peer,
            p => Apply(Empty(p)),
            (_, old) => Apply(old));

        PeerInfo Apply(PeerInfo old) => old with
        {
            Addresses = listenAddresses is null ? old.Addresses : listenAddresses.Select(a => a.WithoutPeerId()).Distinct().Take(MaxAddressesPerPeer).ToArray(),
            Protocols = protocols ?? old.Protocols,
            AgentVersion = agentVersion ?? old.AgentVersion,
            ProtocolVersion = protocolVersion ?? old.ProtocolVersion,
            PublicKey = publicKey ?? old.PublicKey,
            ObservedAddress = observed ?? old.ObservedAddress,
        };
    }

    public bool Remove(PeerId peer) => _peers.TryRemove(peer, out _);

    private static PeerInfo Empty(PeerId peer) => new(peer, [], [], null, null, peer.TryGetPublicKey(), null);
}
