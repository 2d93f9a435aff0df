// SPDX-License-Identifier: Apache-2.0

namespace Lineage.Marine.Hosting;

/// <summary>The particle a service call belongs to, as host API v3 exposes it.</summary>
public sealed record MarineParticleParameters(
    string Id,
    string InitPeerId,
    ulong Timestamp,
    uint Ttl,
    string Script,
    IReadOnlyList<byte> Signature,
    string Token)
{
    public static MarineParticleParameters Empty { get; } = new("", "", 0, 0, "", [], "");
}
