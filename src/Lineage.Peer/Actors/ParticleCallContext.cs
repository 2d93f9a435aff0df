// SPDX-License-Identifier: Apache-2.0

using Lineage.Peer.Particles;

namespace Lineage.Peer.Actors;

/// <summary>What a service sees of the particle that calls it (nox <c>ParticleParams</c>).</summary>
public sealed record ParticleCallContext(Particle Particle, string HostPeerId, string PeerScope, uint CallId)
{
    public string ParticleId => Particle.Id;

    public string InitPeerId => Particle.InitPeerId;
}
