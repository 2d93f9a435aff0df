// SPDX-License-Identifier: Apache-2.0

using System.Text.Json;
using System.Text.Json.Nodes;

namespace Lineage.Peer.Services;

/// <summary>
/// The config a module is deployed with (aqua-lib <c>ModuleConfig</c>, nox <c>NamedModuleConfig</c>). Accepts both
/// shapes clients send: nox's (<c>envs</c>/<c>mapped_dirs</c>/<c>mounted_binaries</c> as maps, what
/// <c>dist.make_module_config</c> returns) and aqua-lib's (optionals as arrays of 0/1 element, maps as
/// <c>[[key, value]]</c> pairs, <c>mounted_binaries</c> inside <c>wasi</c>). Mapped directories are
/// <c>guest → host</c> where the host side is relative to the service's own directory: a deployer never names a
/// path of the node. <c>mem_pages_count</c>, <c>max_heap_size</c> and <c>preopened_files</c> are kept for
/// round trips but not applied (removed from Marine; the service memory limit is the node's).
/// </summary>
public sealed record ServiceModuleConfig
{
    public const int MaxNameLength = 255;

    public required string Name { get; init; }

    public uint? MemPagesCount { get; init; }

    public string? MaxHeapSize { get; init; }

    public bool? LoggerEnabled { get; init; }

    public long? LoggingMask { get; init; }

    public IReadOnlyList<string>? PreopenedFiles { get; init; }

    public IReadOnlyDictionary<string, string>? Envs { get; init; }

    /// <summary>Guest path (absolute) → host path relative to the service directory.</summary>
    public IReadOnlyDictionary<string, string>? MappedDirs { get; init; }

    /// <summary>Import name → absolute host path; granted only when the node allows that path.</summary>
    public IReadOnlyDictionary<string, string>? MountedBinaries { get; init; }

    /// <summary>Reads a module config sent by a client (either shape, see the type's summary).</summary>
    /// <exception cref="ServiceException">A field has the wrong type or a path is not allowed.</exception>
    public static ServiceModuleConfig FromJson(JsonNode? node)
    {
        if (Unwrap(node, "config") is not JsonObject config)
        {
            throw new ServiceException("module config must be an object with at least a 'name'");
        }

        string name = Text(config["name"], "name") ?? throw new ServiceException("module config has no 'name'");
        JsonObject? wasi = Unwrap(config["wasi"], "wasi") switch
        {
            null => null,
            JsonObject o => o,
            _ => throw new ServiceException("module config field 'wasi' must be an object"),
        };
        var result = new ServiceModuleConfig
        {
            Name = name,
            MemPagesCount = Number(config["mem_pages_count"], "mem_pages_count") is { } pages ? checked((uint)pages) : null,
            MaxHeapSize = Text(config["max_heap_size"], "max_heap_size"),
            LoggerEnabled = Flag(config["logger_enabled"], "logger_enabled"),
            LoggingMask = Number(config["logging_mask"], "logging_mask"),
            PreopenedFiles = Strings(wasi?["preopened_files"] ?? config["preopened_files"], "preopened_files"),
            Envs = Map(wasi?["envs"] ?? config["envs"], "envs"),
            MappedDirs = Map(wasi?["mapped_dirs"] ?? config["mapped_dirs"], "mapped_dirs"),
            MountedBinaries = Map(config["mounted_binaries"] ?? wasi?["mounted_binaries"], "mounted_binaries"),
        };
        result.Validate();
        return result;
    }

    /// <summary>nox's JSON of the config (what <c>make_module_config</c> and <c>list_modules</c> return); unset fields are left out.</summary>
    public JsonObject ToJson()
    {
        var json = new JsonObject { ["name"] = Name };
        if (MemPagesCount is { } pages)
        {
            json["mem_pages_count"] = pages;
        }

        if (MaxHeapSize is not null)
        {
            json["max_heap_size"] = MaxHeapSize;
        }

        if (LoggerEnabled is { } logger)
        {
            json["logger_enabled"] = logger;
        }

        if (LoggingMask is { } mask)
        {
            json["logging_mask"] = mask;
        }

        if (PreopenedFiles is not null || Envs is not null || MappedDirs is not null)
        {
            var wasi = new JsonObject();
            if (PreopenedFiles is not null)
            {
                wasi["preopened_files"] = new JsonArray([.. PreopenedFiles.Select(f => (JsonNode?)JsonValue.Create(f))]);
            }

            if (Envs is not null)
            {
                wasi["envs"] = ToObject(Envs);
            }

            if (MappedDirs is not null)
            {
                wasi["mapped_dirs"] = ToObject(MappedDirs);
            }

            json["wasi"] = wasi;
        }

        if (MountedBinaries is not null)
        {
            json["mounted_binaries"] = ToObject(MountedBinaries);
        }

        return json;
    }

    /// <summary>Checks the name and that mapped directories stay inside the service directory.</summary>
    public void Validate()
    {
        if (Name.Length is 0 or > MaxNameLength || Name.Contains('/', StringComparison.Ordinal) || Name.Contains('\0', StringComparison.Ordinal))
        {
            throw new ServiceException($"module name '{Name}' must have 1..{MaxNameLength} characters and no '/'");
        }

        foreach ((string guest, string host) in MappedDirs ?? new Dictionary<string, string>())
        {
            if (!guest.StartsWith('/') || guest.Contains('\0', StringComparison.Ordinal))
            {
                throw new ServiceException($"module '{Name}': mapped dir guest path '{guest}' must be absolute");
            }

            _ = RelativeHostPath(host);
        }

        foreach ((string import, string path) in MountedBinaries ?? new Dictionary<string, string>())
        {
            if (!Path.IsPathFullyQualified(path))
            {
                throw new ServiceException($"module '{Name}': mounted binary '{import}' path '{path}' must be absolute");
            }
        }
    }

    /// <summary>
    /// A mapped dir's host side as a path relative to the service directory: no root, no <c>..</c> segment, so it
    /// cannot leave that directory.
    /// </summary>
    public string RelativeHostPath(string host)
    {
        ArgumentNullException.ThrowIfNull(host);
        string[] segments = host.Split(['/', '\\'], StringSplitOptions.RemoveEmptyEntries);
        if (host.StartsWith('/') || host.StartsWith('\\') || Path.IsPathRooted(host) || host.Contains('\0', StringComparison.Ordinal)
            || segments.Any(s => s == "..") || segments.All(s => s == "."))
        {
            throw new ServiceException(
                $"module '{Name}': mapped dir host path '{host}' must be relative to the service directory, without '..'");
        }

        return Path.Combine([.. segments.Where(s => s != ".")]);
    }

    internal static JsonNode? Unwrap(JsonNode? node, string field)
    {
        // An Aqua optional arrives as an array of 0 or 1 element.
        if (node is JsonArray array)
        {
            return array.Count switch
            {
                0 => null,
                1 => array[0],
                _ => throw new ServiceException($"module config field '{field}' must be a value or an optional (array of 0 or 1 element)"),
            };
        }

        return node;
    }

    private static string? Text(JsonNode? node, string field) => Unwrap(node, field) switch
    {
        null => null,
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        _ => throw new ServiceException($"module config field '{field}' must be a string"),
    };

    private static long? Number(JsonNode? node, string field) => Unwrap(node, field) switch
    {
        null => null,
        JsonValue v when v.TryGetValue(out long n) => n,
        JsonValue v when v.GetValueKind() == JsonValueKind.Number && v.GetValue<double>() is var d && d == Math.Floor(d) && Math.Abs(d) < 9e15 => (long)d,
        _ => throw new ServiceException($"module config field '{field}' must be an integer"),
    };

    private static bool? Flag(JsonNode? node, string field) => Unwrap(node, field) switch
    {
        null => null,
        JsonValue v when v.GetValueKind() is JsonValueKind.True or JsonValueKind.False => v.GetValue<bool>(),
        _ => throw new ServiceException($"module config field '{field}' must be a boolean"),
    };

    private static List<string>? Strings(JsonNode? node, string field)
    {
        JsonNode? value = UnwrapCollection(node, itemsAreArrays: false);
        if (value is null)
        {
            return null;
        }

        if (value is not JsonArray array)
        {
            throw new ServiceException($"module config field '{field}' must be an array of strings");
        }

        return [.. array.Select(item => item is JsonValue v && v.GetValueKind() == JsonValueKind.String
            ? v.GetValue<string>()
            : throw new ServiceException($"module config field '{field}' must be an array of strings"))];
    }

    private static Dictionary<string, string>? Map(JsonNode? node, string field)
    {
        JsonNode? value = UnwrapCollection(node, itemsAreArrays: true);
        if (value is null)
        {
            return null;
        }

        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        if (value is JsonObject obj)
        {
            foreach ((string key, JsonNode? item) in obj)
            {
                map[key] = item is JsonValue v && v.GetValueKind() == JsonValueKind.String
                    ? v.GetValue<string>()
                    : throw new ServiceException($"module config field '{field}': the value of '{key}' must be a string");
            }

            return map;
        }

        if (value is not JsonArray pairs)
        {
            throw new ServiceException($"module config field '{field}' must be a map or an array of [key, value] pairs");
        }

        foreach (JsonNode? pair in pairs)
        {
            if (pair is not JsonArray { Count: 2 } kv || kv[0] is not JsonValue k || k.GetValueKind() != JsonValueKind.String
                || kv[1] is not JsonValue v || v.GetValueKind() != JsonValueKind.String)
            {
                throw new ServiceException($"module config field '{field}' must be a map or an array of [key, value] string pairs");
            }

            map[k.GetValue<string>()] = v.GetValue<string>();
        }

        return map;
    }

    // Collections are ambiguous: [x] may be an Aqua optional around the collection or the collection itself. An
    // optional holds an object, or an array whose items are arrays (pairs) — never a bare pair or string item.
    private static JsonNode? UnwrapCollection(JsonNode? node, bool itemsAreArrays) => node switch
    {
        JsonArray { Count: 1 } one when one[0] is JsonObject inner => inner,
        JsonArray { Count: 1 } one when one[0] is JsonArray inner && (!itemsAreArrays || inner.Count == 0 || inner[0] is JsonArray) => inner,
        _ => node,
    };

    private static JsonObject ToObject(IReadOnlyDictionary<string, string> map)
    {
        var obj = new JsonObject();
        foreach ((string key, string value) in map)
        {
            obj[key] = value;
        }

        return obj;
    }
}
