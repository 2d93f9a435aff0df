// SPDX-License-Identifier: Apache-2.0

using System.Text.Json.Nodes;
using Lineage.Peer.Services;

namespace Lineage.Peer.Builtins;

/// <summary>
/// <c>Stat("stat")</c> of aqua-lib 0.10.2: <c>service_stat(id) -> StatResult{status, error, result: ?ServiceStat}</c>
/// and <c>service_memory(id) -> []MemoryStat{name, memory_size_bytes, max_memory_size_bytes}</c> (one per module).
/// </summary>
public sealed class StatService(ServiceManager services) : IBuiltinService
{
    public string ServiceId => "stat";

    public ValueTask<JsonNode?> CallAsync(BuiltinCall request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        string scope = request.Context.PeerScope;
        try
        {
            JsonNode? result = request.FunctionName switch
            {
                "service_stat" => ServiceStat(scope, request.Text(0)),
                "service_memory" => new JsonArray([.. services.MemoryStats(scope, request.Text(0)).Select(m => (JsonNode?)new JsonObject
                {
                    ["name"] = m.Name,
                    ["memory_size_bytes"] = m.MemorySizeBytes,
                    ["max_memory_size_bytes"] = m.MaxMemorySizeBytes,
                })]),
                _ => throw new UnknownFunctionException(ServiceId, request.FunctionName),
            };
            return ValueTask.FromResult<JsonNode?>(result);
        }
        catch (ServiceException error)
        {
            throw new BuiltinException(error.Message);
        }
    }

    private JsonObject ServiceStat(string scope, string idOrAlias) =>
        services.CallStats(scope, idOrAlias, out string serviceId) is { } stats
            ? new JsonObject { ["status"] = true, ["error"] = "", ["result"] = new JsonArray(stats) }
            : new JsonObject { ["status"] = false, ["error"] = $"No stats were collected for the `{serviceId}` service", ["result"] = new JsonArray() };
}
