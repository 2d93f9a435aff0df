// SPDX-License-Identifier: Apache-2.0

namespace Lineage.Peer.Particles;

/// <summary>A particle message that cannot be decoded; <see cref="Offset"/> is the byte offset in the payload.</summary>
public sealed class ParticleFormatException : FormatException
{
    public ParticleFormatException(long offset, string reason, Exception? inner = null)
        : base($"particle: {reason} (byte offset {offset})", inner)
    {
        Offset = offset;
        Reason = reason;
    }

    public long Offset { get; }

    public string Reason { get; }
}
