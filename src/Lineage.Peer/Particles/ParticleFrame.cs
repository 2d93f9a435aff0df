// SPDX-License-Identifier: Apache-2.0

using Lineage.Core.Multiformats;

namespace Lineage.Peer.Particles;

/// <summary>
/// Framing of <c>/fluence/particle/2.0.0</c> (fluence-peer.md §4.1): one unsigned-varint length-prefixed message
/// per stream. The length is checked against the limit before anything is allocated.
/// </summary>
public static class ParticleFrame
{
    /// <summary>nox's <c>MAX_BUF_SIZE</c>: 100 MiB.</summary>
    public const int DefaultMaxMessageSize = 100 * 1024 * 1024;

    /// <summary>Encodes <paramref name="particle"/> as a length-prefixed frame.</summary>
    public static byte[] Encode(Particle particle)
    {
        int length = ParticleCodec.GetEncodedLength(particle);
        int prefix = VarInt.GetLength((ulong)length);
        byte[] frame = new byte[prefix + length];
        VarInt.Write((ulong)length, frame);
        ParticleCodec.Write(particle, frame.AsSpan(prefix));
        return frame;
    }

    /// <summary>Writes one frame and flushes.</summary>
    public static async ValueTask WriteAsync(Stream stream, Particle particle, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        await stream.WriteAsync(Encode(particle), cancellationToken).ConfigureAwait(false);
        await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Reads exactly one frame's payload. Throws <see cref="ParticleFormatException"/> for a malformed or oversized
    /// length prefix and <see cref="EndOfStreamException"/> when the stream ends early.
    /// </summary>
    public static async ValueTask<byte[]> ReadPayloadAsync(Stream stream, int maxMessageSize, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        byte[] prefix = new byte[VarInt.MaxLength];
        byte[] one = new byte[1];
        int used = 0;
        ulong length;
        while (true)
        {
            if (await stream.ReadAsync(one, cancellationToken).ConfigureAwait(false) == 0)
            {
                throw new EndOfStreamException($"stream ended inside the length prefix after {used} byte(s)");
            }

            if (used == VarInt.MaxLength)
            {
                throw new ParticleFormatException(used, "length prefix is longer than 9 bytes");
            }

            prefix[used++] = one[0];
            try
            {
                if (VarInt.TryRead(prefix.AsSpan(0, used), out length, out _))
                {
                    break;
                }
            }
            catch (FormatException error)
            {
                throw new ParticleFormatException(used - 1, error.Message, error);
            }
        }

        if (length > (ulong)maxMessageSize)
        {
            throw new ParticleFormatException(0, $"message of {length} bytes exceeds the limit of {maxMessageSize} bytes");
        }

        byte[] payload = new byte[(int)length];
        await stream.ReadExactlyAsync(payload, cancellationToken).ConfigureAwait(false);
        return payload;
    }
}
