// SPDX-License-Identifier: Apache-2.0

namespace Lineage.Marine.AquaVm;

/// <summary>Limits of the AquaVM host, checked before AquaVM runs.</summary>
public sealed record AquaVmOptions
{
    /// <summary>Largest AIR script accepted.</summary>
    public int MaxAirBytes { get; init; } = 16 << 20;

    /// <summary>Largest prev_data / data accepted.</summary>
    public int MaxDataBytes { get; init; } = 64 << 20;

    /// <summary>Largest serialized call results accepted.</summary>
    public int MaxCallResultsBytes { get; init; } = 32 << 20;

    /// <summary>Linear memory limit of one AquaVM instance (nox's aquavm_heap_size_limit).</summary>
    public long MemoryLimitBytes { get; init; } = 1L << 30;

    /// <summary>Wall-clock limit of one invoke.</summary>
    public TimeSpan InvokeTimeout { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Instances in an <see cref="AquaVmPool"/>.</summary>
    public int PoolSize { get; init; } = Math.Max(1, Environment.ProcessorCount);
}
