// SPDX-License-Identifier: Apache-2.0

using Lineage.Peer.AquaVm;

namespace Lineage.Peer.Actors;

/// <summary>Executes one call request of a particle (builtins first, then hosted services).</summary>
public interface IServiceCallDispatcher
{
    ValueTask<CallResult> CallAsync(ParticleCallContext context, CallRequest request, CancellationToken cancellationToken);
}
