// SPDX-License-Identifier: Apache-2.0

namespace Lineage.Marine.Hosting;

/// <summary>What a module learns through <c>get_call_parameters</c> about the call it is serving.</summary>
public sealed record MarineCallParameters(
    MarineParticleParameters Particle,
    string ServiceId,
    string ServiceCreatorPeerId,
    string HostId,
    string WorkerId,
    IReadOnlyList<IReadOnlyList<MarineSecurityTetraplet>> Tetraplets)
{
    public static MarineCallParameters Empty { get; } = new(MarineParticleParameters.Empty, "", "", "", "", []);
}
