// SPDX-License-Identifier: Apache-2.0

using System.Globalization;
using System.Text.Json;

namespace Lineage.Node.JsonRpc;

/// <summary>
/// The <c>params</c> member of one call, with typed accessors that answer <see cref="JsonRpcErrorCode.InvalidParams"/>
/// (naming the parameter and its position) instead of throwing serializer exceptions.
/// </summary>
internal readonly struct JsonRpcParams
{
    private readonly JsonElement _raw;
    private readonly bool _present;

    public JsonRpcParams(string method, JsonElement? raw)
    {
        Method = method;
        _present = raw.HasValue;
        _raw = raw ?? default;
    }

    public string Method { get; }

    /// <summary>True when <c>params</c> was given.</summary>
    public bool IsPresent => _present;

    /// <summary>
    /// Requires positional params (an array, or nothing when none are required) with between
    /// <paramref name="minimum"/> and <paramref name="maximum"/> elements.
    /// </summary>
    public int RequirePositional(int minimum, int maximum)
    {
        if (!_present)
        {
            if (minimum == 0)
            {
                return 0;
            }

            throw JsonRpcException.InvalidParams($"{Method} expects {Describe(minimum, maximum)} positional params, got none");
        }

        if (_raw.ValueKind != JsonValueKind.Array)
        {
            throw JsonRpcException.InvalidParams($"{Method} expects params as an array");
        }

        int count = _raw.GetArrayLength();
        if (count < minimum || count > maximum)
        {
            throw JsonRpcException.InvalidParams($"{Method} expects {Describe(minimum, maximum)} positional params, got {count}");
        }

        return count;
    }

    /// <summary>A string parameter at <paramref name="index"/>.</summary>
    public string String(int index, string name)
    {
        JsonElement element = At(index, name);
        return element.ValueKind == JsonValueKind.String
            ? element.GetString()!
            : throw Invalid(index, name, "a string", element);
    }

    /// <summary>An integer parameter (a JSON number, or a decimal string as JavaScript clients often send).</summary>
    public long Int64(int index, string name, long minimum = long.MinValue)
    {
        JsonElement element = At(index, name);
        long value;
        if (element.ValueKind == JsonValueKind.Number && element.TryGetInt64(out long number))
        {
            value = number;
        }
        else if (element.ValueKind == JsonValueKind.String
            && long.TryParse(element.GetString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long parsed))
        {
            value = parsed;
        }
        else
        {
            throw Invalid(index, name, "an integer", element);
        }

        return value >= minimum
            ? value
            : throw JsonRpcException.InvalidParams($"{Method}: param {index} ({name}) must be at least {minimum}, got {value}");
    }

    /// <summary>
    /// The single object parameter of methods such as <c>publish</c> and the filter methods: either <c>params</c> is
    /// the object itself (as the reference gateway takes it) or an array holding exactly that object.
    /// </summary>
    public JsonElement SingleObject(string name)
    {
        if (_present && _raw.ValueKind == JsonValueKind.Object)
        {
            return _raw;
        }

        if (_present && _raw.ValueKind == JsonValueKind.Array && _raw.GetArrayLength() == 1
            && _raw[0].ValueKind == JsonValueKind.Object)
        {
            return _raw[0];
        }

        throw JsonRpcException.InvalidParams($"{Method} expects params to be the {name} object");
    }

    /// <summary>
    /// A list of objects (<c>publish_batch</c>): <c>params</c> is the array of objects, or an array holding that array.
    /// </summary>
    public IReadOnlyList<JsonElement> ObjectList(string name)
    {
        if (!_present || _raw.ValueKind != JsonValueKind.Array)
        {
            throw JsonRpcException.InvalidParams($"{Method} expects params to be an array of {name} objects");
        }

        JsonElement list = _raw.GetArrayLength() == 1 && _raw[0].ValueKind == JsonValueKind.Array ? _raw[0] : _raw;
        var items = new List<JsonElement>(list.GetArrayLength());
        int index = 0;
        foreach (JsonElement item in list.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object)
            {
                throw JsonRpcException.InvalidParams($"{Method}: element {index} must be a {name} object, got {Kind(item)}");
            }

            items.Add(item);
            index++;
        }

        return items;
    }

    /// <summary>Deserialises an element to <typeparamref name="T"/>, mapping serializer errors to invalid params.</summary>
    public T Deserialize<T>(JsonElement element, string name, JsonSerializerOptions options)
    {
        try
        {
            return element.Deserialize<T>(options)
                ?? throw JsonRpcException.InvalidParams($"{Method}: {name} must not be null");
        }
        catch (JsonException ex)
        {
            string where = string.IsNullOrEmpty(ex.Path) || ex.Path == "$" ? string.Empty : $" at {ex.Path}";
            throw JsonRpcException.InvalidParams($"{Method}: invalid {name}{where}: {FirstLine(ex.Message)}");
        }
    }

    private static string FirstLine(string message)
    {
        int end = message.IndexOfAny(['\r', '\n']);
        return end < 0 ? message : message[..end];
    }

    private static string Describe(int minimum, int maximum) =>
        minimum == maximum ? minimum.ToString(CultureInfo.InvariantCulture) : $"{minimum} to {maximum}";

    private static string Kind(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };

    private JsonElement At(int index, string name)
    {
        if (!_present || _raw.ValueKind != JsonValueKind.Array || index >= _raw.GetArrayLength())
        {
            throw JsonRpcException.InvalidParams($"{Method}: param {index} ({name}) is missing");
        }

        return _raw[index];
    }

    private JsonRpcException Invalid(int index, string name, string expected, JsonElement actual) =>
        JsonRpcException.InvalidParams($"{Method}: param {index} ({name}) must be {expected}, got {Kind(actual)}");
}
