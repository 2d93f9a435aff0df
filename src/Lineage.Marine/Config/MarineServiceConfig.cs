// SPDX-License-Identifier: Apache-2.0

using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Lineage.Marine.Config;

/// <summary>
/// A service: its modules in load order (dependencies first; the facade is the last unless
/// <see cref="Facade"/> names another) and the memory limit shared by all of them.
/// </summary>
public sealed record MarineServiceConfig
{
    private static readonly JsonSerializerOptions s_json = new()
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary><c>"128 MiB"</c>, a byte count, or <c>"Infinity"</c> (the default: 4 GiB per module, Wasm's own cap).</summary>
    [JsonPropertyName("total_memory_limit")]
    public JsonElement? TotalMemoryLimit { get; init; }

    [JsonPropertyName("modules")]
    public IReadOnlyList<MarineModuleConfig> Modules { get; init; } = [];

    [JsonPropertyName("facade")]
    public string? Facade { get; init; }

    /// <summary>The facade module's name.</summary>
    public string FacadeName => Facade ?? (Modules.Count > 0 ? Modules[^1].Name : throw new InvalidOperationException("the service has no modules"));

    /// <summary>The memory limit in bytes, or null for no limit beyond Wasm's.</summary>
    public long? MemoryLimitBytes => TotalMemoryLimit is { } limit ? ParseMemorySize(limit) : null;

    /// <summary>Reads a JSON service config (comments and trailing commas allowed; unknown keys refused).</summary>
    public static MarineServiceConfig Parse(string json)
    {
        MarineServiceConfig config = JsonSerializer.Deserialize<MarineServiceConfig>(json, s_json)
            ?? throw new FormatException("the service config is null");
        config.Validate();
        return config;
    }

    /// <summary>Checks names are unique and usable as import namespaces and the facade exists.</summary>
    public void Validate()
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (MarineModuleConfig module in Modules)
        {
            if (string.IsNullOrWhiteSpace(module.Name) || module.Name.Length > 255)
            {
                throw new FormatException("every module needs a name of 1..255 characters");
            }

            if (!names.Add(module.Name))
            {
                throw new FormatException($"module '{module.Name}' appears twice");
            }

            foreach ((string guest, string host) in module.Wasi.MappedDirs)
            {
                if (!guest.StartsWith('/') && guest != ".")
                {
                    // Marine maps relative names too; we require explicit absolute guest paths for clarity.
                    throw new FormatException($"module '{module.Name}': mapped dir guest path '{guest}' must be absolute");
                }

                if (!Path.IsPathFullyQualified(host))
                {
                    throw new FormatException($"module '{module.Name}': mapped dir host path '{host}' must be absolute");
                }
            }

            foreach ((string import, string path) in module.MountedBinaries)
            {
                if (!Path.IsPathFullyQualified(path))
                {
                    throw new FormatException($"module '{module.Name}': mounted binary '{import}' path '{path}' must be absolute");
                }
            }
        }

        if (Modules.Count > 0 && !names.Contains(FacadeName))
        {
            throw new FormatException($"facade '{FacadeName}' is not one of the modules");
        }

        _ = MemoryLimitBytes;
    }

    /// <summary>Parses <c>"128 MiB"</c>, <c>"64 Mb"</c>, <c>"1 GiB"</c>, <c>"4096"</c>, a number or <c>"Infinity"</c>.</summary>
    public static long? ParseMemorySize(JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Number)
        {
            return value.TryGetInt64(out long n) && n >= 0 ? n : throw new FormatException($"memory limit {value} is not a byte count");
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            throw new FormatException("memory limit must be a number or a string like \"128 MiB\"");
        }

        string text = value.GetString()!.Trim();
        if (text.Equals("Infinity", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        int split = 0;
        while (split < text.Length && (char.IsAsciiDigit(text[split]) || text[split] == '.'))
        {
            split++;
        }

        if (split == 0 || !decimal.TryParse(text[..split], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out decimal amount))
        {
            throw new FormatException($"memory limit '{text}' does not start with a number");
        }

        decimal unit = text[split..].Trim().ToUpperInvariant() switch
        {
            "" or "B" => 1m,
            "KB" or "K" => 1_000m,
            "KIB" => 1024m,
            "MB" or "M" => 1_000_000m,
            "MIB" => 1024m * 1024,
            "GB" or "G" => 1_000_000_000m,
            "GIB" => 1024m * 1024 * 1024,
            string other => throw new FormatException($"memory limit unit '{other}' is unknown (use B, KiB, MiB, GiB, KB, MB, GB)"),
        };
        return (long)decimal.Round(amount * unit);
    }
}
