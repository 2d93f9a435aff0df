// SPDX-License-Identifier: Apache-2.0

using System.Text.Json;
using System.Text.Json.Nodes;

namespace Lineage.Peer.Builtins;

/// <summary><c>json</c>: obj, put, puts, parse, stringify, obj_pairs, puts_pairs (fluence-peer.md §9.2).</summary>
public sealed class JsonService : IBuiltinService
{
    public string ServiceId => "json";

    public ValueTask<JsonNode?> CallAsync(BuiltinCall request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        JsonNode? result = request.FunctionName switch
        {
            "obj" => Puts(new JsonObject(), request, 0),
            "put" => Puts(Object(request, 0), request, 1),
            "puts" => Puts(Object(request, 0), request, 1),
            "parse" => Parse(request.Text(0)),
            "stringify" => JsonValue.Create(request.Arg(0)?.ToJsonString() ?? "null"),
            "obj_pairs" => Pairs(new JsonObject(), request.Array(0)),
            "puts_pairs" => Pairs(Object(request, 0), request.Array(1)),
            _ => throw new UnknownFunctionException(ServiceId, request.FunctionName),
        };
        return ValueTask.FromResult<JsonNode?>(result);
    }

    private static JsonObject Object(BuiltinCall request, int index) =>
        (request.Arg(index) as JsonObject)?.DeepClone().AsObject() ?? throw new BuiltinException($"{request.FunctionName}: argument #{index + 1} must be an object");

    private static JsonObject Puts(JsonObject target, BuiltinCall request, int from)
    {
        if ((request.Count - from) % 2 != 0)
        {
            throw new BuiltinException($"{request.FunctionName}: expected key/value pairs");
        }

        for (int i = from; i < request.Count; i += 2)
        {
            target[request.Text(i)] = request.Arguments[i + 1]?.DeepClone();
        }

        return target;
    }

    private static JsonObject Pairs(JsonObject target, JsonArray pairs)
    {
        foreach (JsonNode? pair in pairs)
        {
            if (pair is not JsonArray { Count: 2 } kv || kv[0] is not JsonValue key || !key.TryGetValue(out string? name))
            {
                throw new BuiltinException("pairs must be [key, value] arrays with string keys");
            }

            target[name] = kv[1]?.DeepClone();
        }

        return target;
    }

    private static JsonNode? Parse(string text)
    {
        try
        {
            return JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { MaxDepth = 128 });
        }
        catch (JsonException error)
        {
            throw new BuiltinException($"json.parse: {error.Message}");
        }
    }
}
