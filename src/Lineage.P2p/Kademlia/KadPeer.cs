// SPDX-License-Identifier: Apache-2.0

using Lineage.P2p.Identity;
using Lineage.P2p.Multiaddresses;

namespace Lineage.P2p.Kademlia;

/// <summary><c>Peer { bytes id = 1; repeated bytes addrs = 2; ConnectionType connection = 3 }</c>.</summary>
public sealed record KadPeer(PeerId Id, IReadOnlyList<Multiaddr> Addresses, int Connection = 0);
