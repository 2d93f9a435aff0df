// SPDX-License-Identifier: Apache-2.0

using System.Text.Json.Nodes;

namespace Lineage.Peer.Builtins;

/// <summary><c>Array("array")</c>: sum, dedup, intersect, diff, sdiff, slice, length.</summary>
public sealed class ArrayService : IBuiltinService
{
    public string ServiceId => "array";

    public ValueTask<JsonNode?> CallAsync(BuiltinCall request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        JsonNode? result = request.FunctionName switch
        {
            "sum" => JsonValue.Create(request.Array(0).Aggregate(0L, (sum, n) => checked(sum + (n is JsonValue v && v.TryGetValue(out long x) ? x : throw new BuiltinException("sum: array of integers expected"))))),
            "dedup" => Strings(Texts(request, 0).Distinct(StringComparer.Ordinal)),
            "intersect" => Strings(Texts(request, 0).Intersect(Texts(request, 1), StringComparer.Ordinal)),
            "diff" => Strings(Texts(request, 0).Except(Texts(request, 1), StringComparer.Ordinal)),
            "sdiff" => Strings(Texts(request, 0).Except(Texts(request, 1), StringComparer.Ordinal).Concat(Texts(request, 1).Except(Texts(request, 0), StringComparer.Ordinal))),
            "slice" => Slice(request),
            "length" => JsonValue.Create(request.Array(0).Count),
            _ => throw new UnknownFunctionException(ServiceId, request.FunctionName),
        };
        return ValueTask.FromResult<JsonNode?>(result);
    }

    private static JsonArray Slice(BuiltinCall request)
    {
        JsonArray array = request.Array(0);
        long start = request.Whole(1);
        long end = request.Whole(2);
        if (start < 0 || end < start || end > array.Count)
        {
            throw new BuiltinException($"slice: invalid range {start}..{end} of an array of {array.Count}");
        }

        return new JsonArray([.. array.Skip((int)start).Take((int)(end - start)).Select(n => n?.DeepClone())]);
    }

    private static IEnumerable<string> Texts(BuiltinCall request, int index) =>
        request.Array(index).Select(n => n is JsonValue v && v.TryGetValue(out string? s) ? s : throw new BuiltinException($"{request.FunctionName}: array of strings expected"));

    private static JsonArray Strings(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode)JsonValue.Create(v))]);
}
