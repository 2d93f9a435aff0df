using System.Globalization;
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
/// The numeric value of a <see cref="JsonValue"/>, whether it was parsed from JSON (backed by a
/// <see cref="JsonElement"/>) or built from any CLR number (<c>JsonValue.Create(42)</c>): the typed
/// <c>TryGetValue</c> of a CLR-backed value succeeds only for its exact type, so every integral type is tried.
/// </summary>
internal readonly record struct JsonNumber(JsonNumberKind Kind, long Signed, ulong Unsigned, double Floating)
{
    public static JsonNumber From(JsonValue value)
    {
        if (value.TryGetValue(out JsonElement element))
        {
            return FromElement(element);
        }

        if (TryGetSigned(value, out var signed))
        {
            return new(JsonNumberKind.Signed, signed, 0, 0);
        }

        if (value.TryGetValue(out ulong unsigned))
        {
            return unsigned <= long.MaxValue
                ? new(JsonNumberKind.Signed, (long)unsigned, 0, 0)
                : new(JsonNumberKind.Unsigned, 0, unsigned, 0);
        }

        if (value.TryGetValue(out double floating) || TryGetOtherFloating(value, out floating))
        {
            return FromFloating(floating);
        }

        // Any other CLR-backed number (Int128, BigInteger...) is read back through its JSON text.
        return FromText(value.ToJsonString());
    }

    private static JsonNumber FromElement(JsonElement element)
    {
        if (element.TryGetInt64(out var signed))
        {
            return new(JsonNumberKind.Signed, signed, 0, 0);
        }

        return element.TryGetUInt64(out var unsigned)
            ? new(JsonNumberKind.Unsigned, 0, unsigned, 0)
            : new(JsonNumberKind.Floating, 0, 0, element.GetDouble());
    }

    private static JsonNumber FromText(string text)
    {
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var signed))
        {
            return new(JsonNumberKind.Signed, signed, 0, 0);
        }

        return ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var unsigned)
            ? new(JsonNumberKind.Unsigned, 0, unsigned, 0)
            : new(JsonNumberKind.Floating, 0, 0, double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture));
    }

    // An integral double (1.0) stays a float in msgpack, as it was a float in the source value.
    private static JsonNumber FromFloating(double floating) => new(JsonNumberKind.Floating, 0, 0, floating);

    private static bool TryGetSigned(JsonValue value, out long signed)
    {
        if (value.TryGetValue(out signed))
        {
            return true;
        }

        if (value.TryGetValue(out int int32)) { signed = int32; return true; }
        if (value.TryGetValue(out uint uint32)) { signed = uint32; return true; }
        if (value.TryGetValue(out short int16)) { signed = int16; return true; }
        if (value.TryGetValue(out ushort uint16)) { signed = uint16; return true; }
        if (value.TryGetValue(out sbyte int8)) { signed = int8; return true; }
        if (value.TryGetValue(out byte uint8)) { signed = uint8; return true; }
        signed = 0;
        return false;
    }

    private static bool TryGetOtherFloating(JsonValue value, out double floating)
    {
        if (value.TryGetValue(out float single)) { floating = single; return true; }
        if (value.TryGetValue(out Half half)) { floating = (double)half; return true; }
        if (value.TryGetValue(out decimal money)) { floating = (double)money; return true; }
        floating = 0;
        return false;
    }
}
