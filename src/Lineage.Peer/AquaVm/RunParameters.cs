// SPDX-License-Identifier: Apache-2.0

namespace Lineage.Peer.AquaVm;

/// <summary>
/// AquaVM's <c>RunParameters</c> interface-types record (fluence-peer.md §6.2). The positional order of the
/// constructor is the record's field order, which the Marine host must keep when lowering it.
/// </summary>
/// <remarks><c>SecretKeyBytes</c> is the current peer's 32-byte Ed25519 seed: AquaVM signs what this peer produces. Never log it.</remarks>
public sealed record RunParameters(
    string InitPeerId,
    string CurrentPeerId,
    ulong Timestamp,
    uint Ttl,
    byte KeyFormat,
    ReadOnlyMemory<byte> SecretKeyBytes,
    string ParticleId,
    ulong AirSizeLimit,
    ulong ParticleSizeLimit,
    ulong CallResultSizeLimit,
    bool HardLimitEnabled)
{
    /// <summary>fluence-keypair key format of Ed25519.</summary>
    public const byte Ed25519KeyFormat = 0;

    /// <summary>The record's field names in interface-types order.</summary>
    public static IReadOnlyList<string> FieldOrder { get; } =
    [
        "init_peer_id", "current_peer_id", "timestamp", "ttl", "key_format", "secret_key_bytes", "particle_id",
        "air_size_limit", "particle_size_limit", "call_result_size_limit", "hard_limit_enabled",
    ];

    /// <summary>Hides the secret key from logs and test output.</summary>
    public override string ToString() =>
        $"RunParameters {{ InitPeerId = {InitPeerId}, CurrentPeerId = {CurrentPeerId}, ParticleId = {ParticleId}, Timestamp = {Timestamp}, Ttl = {Ttl} }}";
}
