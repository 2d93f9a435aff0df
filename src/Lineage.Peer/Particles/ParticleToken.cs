// SPDX-License-Identifier: Apache-2.0

using Lineage.Core.Multiformats;
using Lineage.P2p.Identity;

namespace Lineage.Peer.Particles;

/// <summary>
/// The particle token (fluence-peer.md §3.3): the particle's signature signed by the host key, base58. Only the
/// host can produce it, so it names the particle's vault and reaches services as <c>CallParameters.particle.token</c>.
/// </summary>
public static class ParticleToken
{
    public static string Compute(PrivateKey hostKey, ReadOnlySpan<byte> particleSignature)
    {
        ArgumentNullException.ThrowIfNull(hostKey);
        return Base58.Encode(hostKey.Sign(particleSignature));
    }
}
