// SPDX-License-Identifier: Apache-2.0

using System.Text.Json.Serialization;

namespace Lineage.Marine.Config;

/// <summary>WASI view of a module: environment variables and directories mapped from guest path to host path.</summary>
public sealed record MarineWasiConfig
{
    [JsonPropertyName("envs")]
    public IReadOnlyDictionary<string, string> Envs { get; init; } = new Dictionary<string, string>();

    /// <summary>Guest path (e.g. <c>/storage</c>) → host directory. These are the only preopens: no ambient FS.</summary>
    [JsonPropertyName("mapped_dirs")]
    public IReadOnlyDictionary<string, string> MappedDirs { get; init; } = new Dictionary<string, string>();
}
