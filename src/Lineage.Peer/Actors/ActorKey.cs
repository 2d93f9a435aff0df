// SPDX-License-Identifier: Apache-2.0

namespace Lineage.Peer.Actors;

/// <summary>
/// Identity of a particle actor (nox ≥ 0.16.1): the particle id, its signature (base64) and the peer scope that
/// executes it. Keying by signature stops a forged copy with a known id from joining someone else's actor.
/// </summary>
public readonly record struct ActorKey(string ParticleId, string Signature, string PeerScope);
