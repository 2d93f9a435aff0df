// SPDX-License-Identifier: Apache-2.0

using System.Text.Json.Nodes;

namespace Lineage.Marine.InterfaceTypes;

/// <summary>
/// The JSON form of a module interface, shaped like the node's <c>srv.get_interface</c> / aqua-lib
/// <c>Interface</c>: <c>{function_signatures: [{name, arguments: [[name, type]], output_types}],
/// record_types: [{name, id, fields: [[name, type]]}]}</c>.
/// </summary>
public static class MarineInterfaceJson
{
    public static JsonObject ToJson(MarineInterface @interface)
    {
        ArgumentNullException.ThrowIfNull(@interface);
        var functions = new JsonArray();
        foreach (MarineFunctionSignature function in @interface.Functions)
        {
            functions.Add(new JsonObject
            {
                ["name"] = function.Name,
                ["arguments"] = Pairs(@interface, function.Arguments),
                ["output_types"] = new JsonArray([.. function.Outputs.Select(o => (JsonNode?)JsonValue.Create(@interface.TypeName(o)))]),
            });
        }

        var records = new JsonArray();
        foreach (ulong id in @interface.ExportedRecordIds)
        {
            RecordTypeDefinition record = @interface.Records[id];
            records.Add(new JsonObject
            {
                ["name"] = record.Name,
                ["id"] = id,
                ["fields"] = Pairs(@interface, record.Fields),
            });
        }

        return new JsonObject { ["function_signatures"] = functions, ["record_types"] = records };
    }

    private static JsonArray Pairs(MarineInterface @interface, IReadOnlyList<NamedType> items) =>
        new([.. items.Select(a => (JsonNode?)new JsonArray(a.Name, @interface.TypeName(a.Type)))]);
}
