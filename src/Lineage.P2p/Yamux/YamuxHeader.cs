// SPDX-License-Identifier: Apache-2.0

using System.Buffers.Binary;

namespace Lineage.P2p.Yamux;

/// <summary>
/// The 12-byte big-endian yamux header: <c>version u8 | type u8 | flags u16 | streamID u32 | length u32</c>.
/// For Data the length counts the payload; for WindowUpdate it is a credit delta; for Ping an opaque value;
/// for GoAway the error code.
/// </summary>
public readonly record struct YamuxHeader(YamuxFrameType Type, YamuxFrameFlags Flags, uint StreamId, uint Length)
{
    public const int Size = 12;
    public const byte ProtocolVersion = 0;

    /// <summary>Decodes a header; throws <see cref="YamuxProtocolException"/> for a bad version or type.</summary>
    public static YamuxHeader Read(ReadOnlySpan<byte> source)
    {
        if (source[0] != ProtocolVersion)
        {
            throw new YamuxProtocolException($"yamux: unsupported version {source[0]}");
        }

        if (source[1] > (byte)YamuxFrameType.GoAway)
        {
            throw new YamuxProtocolException($"yamux: unknown frame type {source[1]}");
        }

        return new YamuxHeader(
            (YamuxFrameType)source[1],
            (YamuxFrameFlags)BinaryPrimitives.ReadUInt16BigEndian(source[2..]),
            BinaryPrimitives.ReadUInt32BigEndian(source[4..]),
            BinaryPrimitives.ReadUInt32BigEndian(source[8..]));
    }

    public void Write(Span<byte> destination)
    {
        destination[0] = ProtocolVersion;
        destination[1] = (byte)Type;
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], (ushort)Flags);
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], StreamId);
        BinaryPrimitives.WriteUInt32BigEndian(destination[8..], Length);
    }
}
