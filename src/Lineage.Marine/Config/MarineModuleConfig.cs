// SPDX-License-Identifier: Apache-2.0

using System.Text.Json.Serialization;

namespace Lineage.Marine.Config;

/// <summary>
/// Per-module config, with Marine's keys: the module name (also the import namespace other modules use),
/// where to load it from, logging, WASI environment and mapped directories, and mounted binaries.
/// </summary>
public sealed record MarineModuleConfig
{
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    /// <summary>Path of the .wasm file (relative to the config file); default <c>&lt;name&gt;.wasm</c>.</summary>
    [JsonPropertyName("load_from")]
    public string? LoadFrom { get; init; }

    [JsonPropertyName("logger_enabled")]
    public bool LoggerEnabled { get; init; } = true;

    /// <summary>Bit mask of log targets to drop (a module passes its target id with every log line).</summary>
    [JsonPropertyName("logging_mask")]
    public long LoggingMask { get; init; }

    [JsonPropertyName("wasi")]
    public MarineWasiConfig Wasi { get; init; } = new();

    /// <summary>Import name → absolute host path. Granted only if the host allows that exact path.</summary>
    [JsonPropertyName("mounted_binaries")]
    public IReadOnlyDictionary<string, string> MountedBinaries { get; init; } = new Dictionary<string, string>();
}
