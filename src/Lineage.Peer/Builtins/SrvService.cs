// SPDX-License-Identifier: Apache-2.0

using System.Text.Json.Nodes;
using Lineage.Marine.InterfaceTypes;
using Lineage.Peer.Services;

namespace Lineage.Peer.Builtins;

/// <summary>
/// <c>Srv("srv")</c> of aqua-lib 0.10.2 over the node's <see cref="ServiceManager"/> (nox <c>builtins.rs</c>).
/// <c>create</c>, <c>remove</c> and <c>add_alias</c> are for the host and its management peers only (nox
/// <c>guard_protected</c>); <c>remove</c> also needs the service's creator (or the host / a management peer).
/// Everything resolves ids and aliases in the particle's peer scope.
/// </summary>
public sealed class SrvService(ServiceManager services) : IBuiltinService
{
    public string ServiceId => "srv";

    public ValueTask<JsonNode?> CallAsync(BuiltinCall request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        string scope = request.Context.PeerScope;
        string initPeer = request.Context.InitPeerId;
        try
        {
            JsonNode? result = request.FunctionName switch
            {
                "create" => Create(request, scope, initPeer),
                "remove" => Remove(request, scope, initPeer),
                "list" => new JsonArray([.. services.List(scope).Select(s => (JsonNode?)s.ToJson())]),
                "add_alias" => AddAlias(request, scope, initPeer),
                "resolve_alias" => JsonValue.Create(services.ResolveAlias(scope, request.Text(0))
                    ?? throw new BuiltinException($"Alias '{request.Text(0)}' does not exist on {scope}")),
                "resolve_alias_opt" => services.ResolveAlias(scope, request.Text(0)) is { } id ? new JsonArray(id) : new JsonArray(),
                "get_interface" => MarineInterfaceJson.ToJson(services.GetInterface(scope, request.Text(0))),
                "info" => services.GetInfo(scope, request.Text(0)).ToJson(),
                _ => throw new UnknownFunctionException(ServiceId, request.FunctionName),
            };
            return ValueTask.FromResult<JsonNode?>(result);
        }
        catch (ServiceException error)
        {
            throw new BuiltinException(error.Message);
        }
    }

    private JsonValue Create(BuiltinCall request, string scope, string initPeer)
    {
        string blueprint = request.Text(0);
        services.EnsurePrivileged(initPeer, "srv.create");
        return JsonValue.Create(services.Create(blueprint, initPeer, scope).Id);
    }

    private JsonValue Remove(BuiltinCall request, string scope, string initPeer)
    {
        string idOrAlias = request.Text(0);
        services.EnsurePrivileged(initPeer, "srv.remove");
        services.Remove(scope, idOrAlias, initPeer);
        return JsonValue.Create("");
    }

    private JsonValue AddAlias(BuiltinCall request, string scope, string initPeer)
    {
        string alias = request.Text(0);
        string serviceId = request.Text(1);
        services.EnsurePrivileged(initPeer, "srv.add_alias");
        services.AddAlias(scope, alias, serviceId, initPeer);
        return JsonValue.Create("");
    }
}
