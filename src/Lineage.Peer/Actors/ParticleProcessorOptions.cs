// SPDX-License-Identifier: Apache-2.0

namespace Lineage.Peer.Actors;

/// <summary>Limits of the particle pipeline (nox <c>[avm_config]</c> and particle settings).</summary>
public sealed class ParticleProcessorOptions
{
    /// <summary>AIR script size limit passed to AquaVM (nox default 8 MiB).</summary>
    public ulong AirSizeLimit { get; init; } = 8 * 1024 * 1024;

    /// <summary>Particle data size limit passed to AquaVM (nox default 64 MiB).</summary>
    public ulong ParticleSizeLimit { get; init; } = 64 * 1024 * 1024;

    /// <summary>Call result size limit passed to AquaVM (nox default 32 MiB).</summary>
    public ulong CallResultSizeLimit { get; init; } = 32 * 1024 * 1024;

    /// <summary>Soft limits by default, like nox.</summary>
    public bool HardLimitEnabled { get; init; }

    /// <summary>Upper bound on AquaVM runs per actor before the actor is considered runaway and stopped.</summary>
    public int MaxRunsPerActor { get; init; } = 10_000;
}
