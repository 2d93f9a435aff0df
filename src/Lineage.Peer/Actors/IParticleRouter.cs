// SPDX-License-Identifier: Apache-2.0

using Lineage.Peer.Particles;

namespace Lineage.Peer.Actors;

/// <summary>
/// Sends a particle to a remote peer (nox effectors): a connected peer directly, otherwise a Kademlia lookup and
/// dial. Fire-and-forget like nox: failures are reported as false and logged, never retried into the actor.
/// </summary>
public interface IParticleRouter
{
    ValueTask<bool> SendAsync(string peerId, Particle particle, CancellationToken cancellationToken);
}
