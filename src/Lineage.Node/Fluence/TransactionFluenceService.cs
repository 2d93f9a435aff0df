// SPDX-License-Identifier: Apache-2.0

using System.Text.Json;
using System.Text.Json.Nodes;
using Lineage.Node.JsonRpc;
using Lineage.Peer.Builtins;

namespace Lineage.Node.Fluence;

/// <summary>
/// The Lineage services as the Fluence service <c>transaction</c> of the reference (lineage-protocol.md §3,
/// aqua/node.aqua): the same function names and positional arguments, so Aqua written for the reference node runs
/// against ours. Each function is bound to the JSON-RPC gateway's method of the same name, which calls the
/// transport-free domain facade; only the filter functions differ in shape (Aqua passes
/// <c>query, ordering, from, to</c> as four arguments, JSON-RPC as one object).
/// </summary>
internal sealed class TransactionFluenceService : IBuiltinService
{
    /// <summary>The reference service id.</summary>
    public const string Id = "transaction";

    private static readonly HashSet<string> s_filterFunctions = new(StringComparer.Ordinal) { "get_transactions", "search_metadatas", "search_metadatas_count" };

    private readonly IReadOnlyDictionary<string, JsonRpcMethod> _methods;
    private readonly JsonSerializerOptions _serializerOptions;

    public TransactionFluenceService(IReadOnlyDictionary<string, JsonRpcMethod> methods, JsonSerializerOptions serializerOptions)
    {
        _methods = methods ?? throw new ArgumentNullException(nameof(methods));
        _serializerOptions = serializerOptions ?? throw new ArgumentNullException(nameof(serializerOptions));
    }

    public string ServiceId => Id;

    public async ValueTask<JsonNode?> CallAsync(BuiltinCall request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!_methods.TryGetValue(request.FunctionName, out JsonRpcMethod? method))
        {
            throw new UnknownFunctionException(ServiceId, request.FunctionName);
        }

        JsonElement parameters = s_filterFunctions.Contains(request.FunctionName)
            ? FilterObject(request)
            : JsonSerializer.SerializeToElement<JsonNode>(request.Arguments, _serializerOptions);
        object? result;
        try
        {
            result = await method(new JsonRpcParams(request.FunctionName, parameters), cancellationToken).ConfigureAwait(false);
        }
        catch (JsonRpcException error)
        {
            // Invalid arguments and disabled functions become a service error the Aqua caller can catch.
            throw new BuiltinException($"{ServiceId}.{request.FunctionName}: {error.Message}");
        }

        return result is null ? null : JsonSerializer.SerializeToNode(result, result.GetType(), _serializerOptions);
    }

    // get_transactions(query: []TransactionQuery, ordering: []TransactionOrdering, from: u32, to: u32) and the
    // search_metadatas pair: four positional arguments, the gateway's filter object.
    private JsonElement FilterObject(BuiltinCall request)
    {
        request.ExpectCount(4);
        var filter = new JsonObject
        {
            ["query"] = request.Array(0).DeepClone(),
            ["ordering"] = request.Array(1).DeepClone(),
            ["from"] = request.Whole(2),
            ["to"] = request.Whole(3),
        };
        return JsonSerializer.SerializeToElement<JsonNode>(filter, _serializerOptions);
    }
}
