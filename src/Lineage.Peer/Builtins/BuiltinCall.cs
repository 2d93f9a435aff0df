// SPDX-License-Identifier: Apache-2.0

using System.Text.Json;
using System.Text.Json.Nodes;
using Lineage.Peer.Actors;
using Lineage.Peer.AquaVm;

namespace Lineage.Peer.Builtins;

/// <summary>One request of a builtin function with its positional JSON arguments (fluence-peer.md §9).</summary>
public sealed record BuiltinCall(ParticleCallContext Context, string FunctionName, JsonArray Arguments, IReadOnlyList<IReadOnlyList<SecurityTetraplet>> Tetraplets)
{
    public int Count => Arguments.Count;

    public JsonNode? Arg(int index) =>
        index < Arguments.Count ? Arguments[index] : throw new BuiltinException($"{FunctionName}: missing argument #{index + 1}");

    public string Text(int index) => Arg(index) is JsonValue v && v.GetValueKind() == JsonValueKind.String
        ? v.GetValue<string>()
        : throw new BuiltinException($"{FunctionName}: argument #{index + 1} must be a string");

    public long Whole(int index) => Arg(index) is JsonValue v && v.TryGetValue(out long value)
        ? value
        : throw new BuiltinException($"{FunctionName}: argument #{index + 1} must be an integer");

    public double Real(int index) => Arg(index) is JsonValue v && v.GetValueKind() == JsonValueKind.Number
        ? v.GetValue<double>()
        : throw new BuiltinException($"{FunctionName}: argument #{index + 1} must be a number");

    public bool Boolean(int index) => Arg(index) is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False
        ? v.GetValue<bool>()
        : throw new BuiltinException($"{FunctionName}: argument #{index + 1} must be a boolean");

    public JsonArray Array(int index) => Arg(index) as JsonArray
        ?? throw new BuiltinException($"{FunctionName}: argument #{index + 1} must be an array");

    /// <summary>An Aqua optional <c>?T</c>: a JSON array of 0 or 1 element (absent arguments count as none).</summary>
    public JsonNode? Optional(int index, out bool present)
    {
        present = false;
        if (index >= Arguments.Count || Arguments[index] is null)
        {
            return null;
        }

        if (Arguments[index] is not JsonArray array || array.Count > 1)
        {
            throw new BuiltinException($"{FunctionName}: argument #{index + 1} must be an optional (array of 0 or 1 element)");
        }

        present = array.Count == 1;
        return present ? array[0] : null;
    }

    public byte[] Bytes(int index)
    {
        JsonArray array = Array(index);
        byte[] bytes = new byte[array.Count];
        for (int i = 0; i < bytes.Length; i++)
        {
            // Numbers decoded from msgpack are long-backed; parsed JSON ones are JsonElement-backed: read both as long.
            bytes[i] = array[i] is JsonValue v && v.TryGetValue(out long b) && b is >= 0 and <= 255
                ? (byte)b
                : throw new BuiltinException($"{FunctionName}: argument #{index + 1} must be an array of bytes");
        }

        return bytes;
    }

    public void ExpectCount(int count)
    {
        if (Arguments.Count != count)
        {
            throw new BuiltinException($"{FunctionName}: expected {count} argument(s), got {Arguments.Count}");
        }
    }
}
