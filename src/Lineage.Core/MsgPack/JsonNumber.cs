// SPDX-License-Identifier: Apache-2.0

using System.Text.Json;
using System.Text.Json.Nodes;

namespace Lineage.Core.MsgPack;

internal enum JsonNumberKind
{
    Signed,
    Unsigned,
    Floating,
}

/// <summary>
/// The numeric value of a <see cref="JsonValue"/>, read the same way whether it was parsed from JSON (backed by a
/// <see cref="JsonElement"/>) or built from a CLR number (<c>JsonValue.Create(42)</c>, whose typed
/// <c>TryGetValue</c> succeeds only for its exact CLR type): a built value is read back from its JSON text.
/// </summary>
internal readonly record struct JsonNumber(JsonNumberKind Kind, long Signed, ulong Unsigned, double Floating)
{
    public static JsonNumber From(JsonValue value)
    {
        if (value.TryGetValue(out JsonElement element))
        {
            return FromElement(element);
        }

        using JsonDocument parsed = JsonDocument.Parse(value.ToJsonString());
        return FromElement(parsed.RootElement);
    }

    private static JsonNumber FromElement(JsonElement element)
    {
        if (element.TryGetInt64(out long signed))
        {
            return new(JsonNumberKind.Signed, signed, 0, 0);
        }

        return element.TryGetUInt64(out ulong unsigned)
            ? new(JsonNumberKind.Unsigned, 0, unsigned, 0)
            : new(JsonNumberKind.Floating, 0, 0, element.GetDouble());
    }
}
