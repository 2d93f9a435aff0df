// SPDX-License-Identifier: Apache-2.0

using Lineage.P2p.Identity;
using Lineage.P2p.Multiaddresses;

namespace Lineage.P2p.Hosting;

/// <summary>What the host knows about a peer (from dials, identify and the DHT). Immutable snapshot.</summary>
public sealed record PeerInfo(
    PeerId PeerId,
    IReadOnlyList<Multiaddr> Addresses,
    IReadOnlyList<string> Protocols,
    string? AgentVersion,
    string? ProtocolVersion,
    PublicKey? PublicKey,
    Multiaddr? ObservedAddress);
