// SPDX-License-Identifier: Apache-2.0

namespace Lineage.Marine.Hosting;

/// <summary>Node-level policy for hosting Marine services.</summary>
public sealed record MarineHostOptions
{
    /// <summary>
    /// Absolute paths of host binaries modules may be granted as mounted binaries. Empty by default: a module
    /// config that asks for a binary not listed here does not load.
    /// </summary>
    public IReadOnlySet<string> AllowedMountedBinaries { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Wall-clock limit of one service call (the module is interrupted when it passes).</summary>
    public TimeSpan CallTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Wall-clock limit of one mounted binary run.</summary>
    public TimeSpan MountedBinaryTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Most bytes kept of a mounted binary's stdout and of its stderr each.</summary>
    public int MountedBinaryOutputLimit { get; init; } = 16 << 20;

    /// <summary>Memory limit of a service when its config sets none (Marine's default is 4 GiB − 1).</summary>
    public long DefaultMemoryLimit { get; init; } = (4L << 30) - 1;
}
