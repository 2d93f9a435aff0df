// SPDX-License-Identifier: Apache-2.0

using System.Text.Json.Nodes;
using Lineage.Peer.Actors;
using Lineage.Peer.AquaVm;

namespace Lineage.Peer.Builtins;

/// <summary>
/// Routes call requests (nox <c>builtins.rs</c> lookup order): builtins first, then hosted services by id or alias.
/// Result mapping as in nox: a value ⇒ <c>{0, value}</c>, an error ⇒ <c>{1, "message"}</c>, an unknown service ⇒
/// <c>{1, "Service with id '…' not found (function …)"}</c>.
/// </summary>
public sealed class BuiltinDispatcher : IServiceCallDispatcher
{
    private readonly Dictionary<string, IBuiltinService> _builtins = new(StringComparer.Ordinal);
    private readonly IServiceCallDispatcher? _hostedServices;

    public BuiltinDispatcher(IEnumerable<IBuiltinService> builtins, IServiceCallDispatcher? hostedServices = null)
    {
        ArgumentNullException.ThrowIfNull(builtins);
        foreach (IBuiltinService service in builtins)
        {
            _builtins.Add(service.ServiceId, service);
        }

        _hostedServices = hostedServices;
    }

    public IReadOnlyCollection<string> ServiceIds => _builtins.Keys;

    public async ValueTask<CallResult> CallAsync(ParticleCallContext context, CallRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!_builtins.TryGetValue(request.ServiceId, out IBuiltinService? service))
        {
            return _hostedServices is null
                ? NotFound(request)
                : await _hostedServices.CallAsync(context, request, cancellationToken).ConfigureAwait(false);
        }

        try
        {
            JsonNode? value = await service.CallAsync(new BuiltinCall(context, request.FunctionName, request.Arguments, request.Tetraplets), cancellationToken).ConfigureAwait(false);
            return CallResult.Ok(value);
        }
        catch (UnknownFunctionException)
        {
            return NotFound(request);
        }
        catch (BuiltinException error)
        {
            return CallResult.Error(error.Message);
        }
    }

    internal static CallResult NotFound(CallRequest request) =>
        CallResult.Error($"Service with id '{request.ServiceId}' not found (function {request.FunctionName})");
}
