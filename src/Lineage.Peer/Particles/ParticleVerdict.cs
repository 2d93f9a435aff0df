// SPDX-License-Identifier: Apache-2.0

namespace Lineage.Peer.Particles;

/// <summary>Why a particle was, or was not, admitted for execution.</summary>
public enum ParticleVerdict
{
    Accepted,
    Expired,
    BadSignature,
    Replayed,

    /// <summary>The particle would live longer than this node allows (<c>timestamp + ttl</c> too far ahead of now).</summary>
    TtlTooLong,
}
