// SPDX-License-Identifier: Apache-2.0

using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Lineage.Peer.Services;

/// <summary>
/// What the node knows about a hosted service (aqua-lib <c>Service</c>, nox <c>PersistedService</c>); also its
/// persisted form in <c>services/{id}.json</c>.
/// </summary>
public sealed record ServiceInfo(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("blueprint_id")] string BlueprintId,
    [property: JsonPropertyName("service_type")] string ServiceType,
    [property: JsonPropertyName("owner_id")] string OwnerId,
    [property: JsonPropertyName("aliases")] IReadOnlyList<string> Aliases,
    [property: JsonPropertyName("worker_id")] string WorkerId)
{
    public const string ServiceTypeService = "service";

    public JsonObject ToJson() => new()
    {
        ["id"] = Id,
        ["blueprint_id"] = BlueprintId,
        ["service_type"] = ServiceType,
        ["owner_id"] = OwnerId,
        ["aliases"] = new JsonArray([.. Aliases.Select(a => (JsonNode?)JsonValue.Create(a))]),
        ["worker_id"] = WorkerId,
    };
}
