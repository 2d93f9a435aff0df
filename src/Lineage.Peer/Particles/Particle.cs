// SPDX-License-Identifier: Apache-2.0

namespace Lineage.Peer.Particles;

/// <summary>
/// A Fluence particle (fluence-peer.md §3.1): a signed AIR script plus the AquaVM data gathered so far.
/// Only <see cref="Data"/> changes from hop to hop; everything else is fixed and signed by the init peer.
/// </summary>
public sealed record Particle(
    string Id,
    string InitPeerId,
    ulong Timestamp,
    uint Ttl,
    string Script,
    ReadOnlyMemory<byte> Signature,
    ReadOnlyMemory<byte> Data)
{
    /// <summary><c>timestamp + ttl</c> in Unix milliseconds; null when the sum overflows (treated as expired).</summary>
    public ulong? Deadline => Timestamp > ulong.MaxValue - Ttl ? null : Timestamp + Ttl;

    /// <summary>True once <paramref name="nowUnixMs"/> is past the deadline (nox <c>is_expired</c>).</summary>
    public bool IsExpired(ulong nowUnixMs) => Deadline is not { } deadline || nowUnixMs > deadline;

    /// <summary>The same particle carrying new AquaVM data (what every hop forwards).</summary>
    public Particle WithData(ReadOnlyMemory<byte> data) => this with { Data = data };
}
