// SPDX-License-Identifier: Apache-2.0

using Lineage.Marine.Hosting;
using Lineage.P2p.Identity;
using Lineage.Peer.Actors;
using Lineage.Peer.AquaVm;
using Lineage.Peer.Particles;

namespace Lineage.Peer.Services;

/// <summary>
/// Executes call requests addressed to deployed services (by id, or by alias in the particle's scope): the step
/// after the builtins in nox's lookup order. The module gets the call's <c>CallParameters</c> — particle (id,
/// init peer, timestamp, ttl, script, signature, token), service id, creator, host id, worker id, tetraplets.
/// </summary>
public sealed class HostedServiceDispatcher(ServiceManager services, PrivateKey hostKey) : IServiceCallDispatcher
{
    public async ValueTask<CallResult> CallAsync(ParticleCallContext context, CallRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(request);
        if (!services.TryResolve(context.PeerScope, request.ServiceId, out _))
        {
            return CallResult.Error($"Service with id '{request.ServiceId}' not found (function {request.FunctionName})");
        }

        Particle particle = context.Particle;
        var particleParameters = new MarineParticleParameters(
            particle.Id, particle.InitPeerId, particle.Timestamp, particle.Ttl, particle.Script, particle.Signature.ToArray(),
            ParticleToken.Compute(hostKey, particle.Signature.Span));
        IReadOnlyList<IReadOnlyList<MarineSecurityTetraplet>> tetraplets =
            [.. request.Tetraplets.Select(group => (IReadOnlyList<MarineSecurityTetraplet>)[.. group.Select(t => new MarineSecurityTetraplet(t.PeerPk, t.ServiceId, t.FunctionName, t.Lens))])];
        try
        {
            return CallResult.Ok(await services.CallAsync(
                context.PeerScope, request.ServiceId, request.FunctionName, request.Arguments,
                info => new MarineCallParameters(particleParameters, info.Id, info.OwnerId, context.HostPeerId, context.PeerScope, tetraplets),
                cancellationToken).ConfigureAwait(false));
        }
        catch (ServiceException error)
        {
            return CallResult.Error(error.Message);
        }
    }
}
