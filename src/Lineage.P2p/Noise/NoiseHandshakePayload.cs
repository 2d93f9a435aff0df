// SPDX-License-Identifier: Apache-2.0

using Lineage.P2p.Protobuf;

namespace Lineage.P2p.Noise;

/// <summary>
/// <c>NoiseHandshakePayload { bytes identity_key = 1; bytes identity_sig = 2; NoiseExtensions extensions = 4 }</c>
/// with <c>NoiseExtensions { repeated bytes webtransport_certhashes = 1; repeated string stream_muxers = 2 }</c>.
/// </summary>
internal sealed record NoiseHandshakePayload(byte[] IdentityKey, byte[] IdentitySignature, IReadOnlyList<string> StreamMuxers)
{
    public byte[] Encode()
    {
        var writer = new ProtoWriter(256).WriteBytes(1, IdentityKey).WriteBytes(2, IdentitySignature);
        if (StreamMuxers.Count > 0)
        {
            var extensions = new ProtoWriter(64);
            foreach (string muxer in StreamMuxers)
            {
                extensions.WriteString(2, muxer);
            }

            writer.WriteMessage(4, extensions);
        }

        return writer.ToArray();
    }

    public static NoiseHandshakePayload Decode(ReadOnlySpan<byte> bytes)
    {
        var reader = new ProtoReader(bytes);
        byte[]? key = null;
        byte[]? signature = null;
        var muxers = new List<string>();
        while (reader.TryReadTag(out int field, out WireType wire))
        {
            if (field == 1 && wire == WireType.LengthDelimited)
            {
                key = reader.ReadBytes().ToArray();
            }
            else if (field == 2 && wire == WireType.LengthDelimited)
            {
                signature = reader.ReadBytes().ToArray();
            }
            else if (field == 4 && wire == WireType.LengthDelimited)
            {
                var extensions = new ProtoReader(reader.ReadBytes());
                while (extensions.TryReadTag(out int extField, out WireType extWire))
                {
                    if (extField == 2 && extWire == WireType.LengthDelimited)
                    {
                        muxers.Add(extensions.ReadString());
                    }
                    else
                    {
                        extensions.Skip(extWire);
                    }
                }
            }
            else
            {
                reader.Skip(wire);
            }
        }

        if (key is null || signature is null)
        {
            throw new NoiseHandshakeException("noise: handshake payload lacks identity_key or identity_sig");
        }

        return new NoiseHandshakePayload(key, signature, muxers);
    }
}
