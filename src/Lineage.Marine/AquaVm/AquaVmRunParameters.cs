// SPDX-License-Identifier: Apache-2.0

namespace Lineage.Marine.AquaVm;

/// <summary>
/// AquaVM's <c>RunParameters</c> record. The field order here is the record's field order, which fixes its memory
/// layout: init_peer_id, current_peer_id, timestamp, ttl, key_format, secret_key_bytes, particle_id, the three
/// size limits and hard_limit_enabled.
/// </summary>
public sealed record AquaVmRunParameters
{
    public required string InitPeerId { get; init; }

    public required string CurrentPeerId { get; init; }

    /// <summary>Particle timestamp, Unix milliseconds.</summary>
    public required ulong Timestamp { get; init; }

    /// <summary>Particle TTL, milliseconds.</summary>
    public required uint Ttl { get; init; }

    /// <summary>fluence-keypair format of the secret key: Ed25519 = 0, Rsa = 1, Secp256k1 = 2.</summary>
    public byte KeyFormat { get; init; }

    /// <summary>The current peer's secret key (Ed25519: the 32-byte seed); AquaVM signs what it produces with it.</summary>
    public required IReadOnlyList<byte> SecretKeyBytes { get; init; }

    public required string ParticleId { get; init; }

    public ulong AirSizeLimit { get; init; } = 16UL << 20;

    public ulong ParticleSizeLimit { get; init; } = 64UL << 20;

    public ulong CallResultSizeLimit { get; init; } = 32UL << 20;

    public bool HardLimitEnabled { get; init; }
}
