// SPDX-License-Identifier: Apache-2.0

using System.Text.Json;
using Lineage.Core.MsgPack;

namespace Lineage.Peer.Particles;

/// <summary>
/// The <c>/fluence/particle/2.0.0</c> message (fluence-peer.md §4): <c>ProtocolMessage::Particle</c> as a map with
/// <c>"action": "Particle"</c> and the particle fields at the same level. Decodes the multiformat msgpack form
/// (<c>0x81 0x04</c> + msgpack, nox ≥ 0.18 and js-client) and the older JSON form, in any field order, with byte
/// fields as msgpack bin or arrays of integers (and base64 text for JSON <c>data</c>). Encodes like nox:
/// multiformat msgpack, fields in declaration order, byte fields as bin, shortest integers.
/// </summary>
public static class ParticleCodec
{
    /// <summary>Unsigned varint of multicodec 0x0201 ("messagepack").</summary>
    public static ReadOnlySpan<byte> MsgPackPrefix => [0x81, 0x04];

    private const string ActionParticle = "Particle";

    /// <summary>Decodes one message payload (without the length prefix).</summary>
    public static Particle Decode(ReadOnlySpan<byte> payload)
    {
        if (payload.Length >= 2 && payload[0] == 0x81 && payload[1] == 0x04)
        {
            return DecodeMsgPack(payload[2..], 2);
        }

        int first = 0;
        while (first < payload.Length && payload[first] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
        {
            first++;
        }

        if (first < payload.Length && payload[first] == (byte)'{')
        {
            return DecodeJson(payload);
        }

        throw new ParticleFormatException(0, payload.IsEmpty
            ? "empty message"
            : $"unknown encoding (first byte 0x{payload[0]:x2}; expected 0x81 0x04 msgpack or a JSON object)");
    }

    /// <summary>Number of bytes <see cref="Write"/> produces.</summary>
    public static int GetEncodedLength(Particle particle)
    {
        ArgumentNullException.ThrowIfNull(particle);
        return MsgPackPrefix.Length
            + MsgPackWriter.GetMapHeaderLength(8)
            + MsgPackWriter.GetStringLength(6) + MsgPackWriter.GetStringLength(ActionParticle.Length)
            + MsgPackWriter.GetStringLength(2) + MsgPackWriter.GetStringLength(particle.Id)
            + MsgPackWriter.GetStringLength(12) + MsgPackWriter.GetStringLength(particle.InitPeerId)
            + MsgPackWriter.GetStringLength(9) + MsgPackWriter.GetUInt64Length(particle.Timestamp)
            + MsgPackWriter.GetStringLength(3) + MsgPackWriter.GetUInt64Length(particle.Ttl)
            + MsgPackWriter.GetStringLength(6) + MsgPackWriter.GetStringLength(particle.Script)
            + MsgPackWriter.GetStringLength(9) + MsgPackWriter.GetBinaryLength(particle.Signature.Length)
            + MsgPackWriter.GetStringLength(4) + MsgPackWriter.GetBinaryLength(particle.Data.Length);
    }

    /// <summary>Writes the multiformat msgpack message into <paramref name="destination"/>; returns the length.</summary>
    public static int Write(Particle particle, Span<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(particle);
        var writer = new MsgPackWriter(destination);
        writer.WriteRaw(MsgPackPrefix);
        writer.WriteMapHeader(8);
        writer.WriteString("action"u8);
        writer.WriteString("Particle"u8);
        writer.WriteString("id"u8);
        writer.WriteString(particle.Id);
        writer.WriteString("init_peer_id"u8);
        writer.WriteString(particle.InitPeerId);
        writer.WriteString("timestamp"u8);
        writer.WriteUInt64(particle.Timestamp);
        writer.WriteString("ttl"u8);
        writer.WriteUInt64(particle.Ttl);
        writer.WriteString("script"u8);
        writer.WriteString(particle.Script);
        writer.WriteString("signature"u8);
        writer.WriteBinary(particle.Signature.Span);
        writer.WriteString("data"u8);
        writer.WriteBinary(particle.Data.Span);
        return writer.Position;
    }

    /// <summary>Encodes the message (no length prefix).</summary>
    public static byte[] Encode(Particle particle)
    {
        byte[] bytes = new byte[GetEncodedLength(particle)];
        Write(particle, bytes);
        return bytes;
    }

    private static Particle DecodeMsgPack(ReadOnlySpan<byte> body, int baseOffset)
    {
        try
        {
            var reader = new MsgPackReader(body, baseOffset);
            var fields = new Fields();
            int count = reader.ReadMapHeader();
            for (int i = 0; i < count; i++)
            {
                int keyAt = reader.Position;
                if (reader.PeekType() != MsgPackType.Text)
                {
                    reader.Skip();
                    reader.Skip();
                    continue;
                }

                string key = reader.ReadString();
                switch (key)
                {
                    case "action":
                        Fields.Set(ref fields.HasAction, key, keyAt + baseOffset);
                        fields.Action = reader.ReadString();
                        break;
                    case "id":
                        Fields.Set(ref fields.HasId, key, keyAt + baseOffset);
                        fields.Id = reader.ReadString();
                        break;
                    case "init_peer_id":
                        Fields.Set(ref fields.HasInitPeerId, key, keyAt + baseOffset);
                        fields.InitPeerId = reader.ReadString();
                        break;
                    case "timestamp":
                        Fields.Set(ref fields.HasTimestamp, key, keyAt + baseOffset);
                        fields.Timestamp = reader.ReadUInt64();
                        break;
                    case "ttl":
                        Fields.Set(ref fields.HasTtl, key, keyAt + baseOffset);
                        fields.Ttl = reader.ReadUInt32();
                        break;
                    case "script":
                        Fields.Set(ref fields.HasScript, key, keyAt + baseOffset);
                        fields.Script = reader.ReadString();
                        break;
                    case "signature":
                        Fields.Set(ref fields.HasSignature, key, keyAt + baseOffset);
                        fields.Signature = ReadBytes(ref reader);
                        break;
                    case "data":
                        Fields.Set(ref fields.HasData, key, keyAt + baseOffset);
                        fields.Data = ReadBytes(ref reader);
                        break;
                    default:
                        // serde ignores unknown fields; so do we.
                        reader.Skip();
                        break;
                }
            }

            reader.EnsureEnd();
            return fields.ToParticle(baseOffset + body.Length);
        }
        catch (MsgPackFormatException error)
        {
            throw new ParticleFormatException(error.Offset, error.Reason, error);
        }
    }

    private static byte[] ReadBytes(ref MsgPackReader reader)
    {
        if (reader.PeekType() == MsgPackType.Binary)
        {
            return reader.ReadBinary().ToArray();
        }

        int start = reader.Position;
        int count = reader.ReadArrayHeader();
        byte[] bytes = new byte[count];
        for (int i = 0; i < count; i++)
        {
            ulong value = reader.ReadUInt64();
            if (value > byte.MaxValue)
            {
                throw reader.CreateError($"byte array element {value} is above 255", start);
            }

            bytes[i] = (byte)value;
        }

        return bytes;
    }

    private static Particle DecodeJson(ReadOnlySpan<byte> payload)
    {
        var reader = new Utf8JsonReader(payload, new JsonReaderOptions { MaxDepth = 8 });
        try
        {
            var fields = new Fields();
            Expect(ref reader, JsonTokenType.StartObject);
            while (true)
            {
                Next(ref reader);
                if (reader.TokenType == JsonTokenType.EndObject)
                {
                    break;
                }

                int keyAt = (int)reader.TokenStartIndex;
                string key = reader.GetString()!;
                Next(ref reader);
                switch (key)
                {
                    case "action":
                        Fields.Set(ref fields.HasAction, key, keyAt);
                        fields.Action = JsonString(ref reader, key);
                        break;
                    case "id":
                        Fields.Set(ref fields.HasId, key, keyAt);
                        fields.Id = JsonString(ref reader, key);
                        break;
                    case "init_peer_id":
                        Fields.Set(ref fields.HasInitPeerId, key, keyAt);
                        fields.InitPeerId = JsonString(ref reader, key);
                        break;
                    case "timestamp":
                        Fields.Set(ref fields.HasTimestamp, key, keyAt);
                        fields.Timestamp = reader.TokenType == JsonTokenType.Number && reader.TryGetUInt64(out ulong timestamp)
                            ? timestamp
                            : throw new ParticleFormatException(reader.TokenStartIndex, "timestamp must be an unsigned integer");
                        break;
                    case "ttl":
                        Fields.Set(ref fields.HasTtl, key, keyAt);
                        fields.Ttl = reader.TokenType == JsonTokenType.Number && reader.TryGetUInt32(out uint ttl)
                            ? ttl
                            : throw new ParticleFormatException(reader.TokenStartIndex, "ttl must be an unsigned 32-bit integer");
                        break;
                    case "script":
                        Fields.Set(ref fields.HasScript, key, keyAt);
                        fields.Script = JsonString(ref reader, key);
                        break;
                    case "signature":
                        Fields.Set(ref fields.HasSignature, key, keyAt);
                        fields.Signature = JsonBytes(ref reader, key);
                        break;
                    case "data":
                        Fields.Set(ref fields.HasData, key, keyAt);
                        fields.Data = JsonBytes(ref reader, key);
                        break;
                    default:
                        reader.Skip();
                        break;
                }
            }

            if (reader.Read())
            {
                throw new ParticleFormatException(reader.TokenStartIndex, "trailing content after the JSON object");
            }

            return fields.ToParticle(payload.Length);
        }
        catch (JsonException error)
        {
            throw new ParticleFormatException(reader.BytesConsumed, $"malformed JSON: {error.Message}", error);
        }
    }

    private static void Next(ref Utf8JsonReader reader)
    {
        if (!reader.Read())
        {
            throw new ParticleFormatException(reader.BytesConsumed, "truncated JSON");
        }
    }

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType type)
    {
        Next(ref reader);
        if (reader.TokenType != type)
        {
            throw new ParticleFormatException(reader.TokenStartIndex, $"expected {type}, found {reader.TokenType}");
        }
    }

    private static string JsonString(ref Utf8JsonReader reader, string field) =>
        reader.TokenType == JsonTokenType.String
            ? reader.GetString()!
            : throw new ParticleFormatException(reader.TokenStartIndex, $"{field} must be a string");

    private static byte[] JsonBytes(ref Utf8JsonReader reader, string field)
    {
        long start = reader.TokenStartIndex;
        if (reader.TokenType == JsonTokenType.String)
        {
            // nox's JSON codec wrote data as base64 text (base64_serde).
            try
            {
                return Convert.FromBase64String(reader.GetString()!);
            }
            catch (FormatException)
            {
                throw new ParticleFormatException(start, $"{field} is not valid base64");
            }
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new ParticleFormatException(start, $"{field} must be an array of bytes or base64 text");
        }

        var bytes = new List<byte>();
        while (true)
        {
            Next(ref reader);
            if (reader.TokenType == JsonTokenType.EndArray)
            {
                return [.. bytes];
            }

            if (reader.TokenType != JsonTokenType.Number || !reader.TryGetByte(out byte b))
            {
                throw new ParticleFormatException(reader.TokenStartIndex, $"{field} element must be an integer 0..255");
            }

            bytes.Add(b);
        }
    }

    private struct Fields
    {
        public bool HasAction;
        public bool HasId;
        public bool HasInitPeerId;
        public bool HasTimestamp;
        public bool HasTtl;
        public bool HasScript;
        public bool HasSignature;
        public bool HasData;
        public string? Action;
        public string? Id;
        public string? InitPeerId;
        public ulong Timestamp;
        public uint Ttl;
        public string? Script;
        public byte[]? Signature;
        public byte[]? Data;

        public static void Set(ref bool seen, string key, long offset)
        {
            if (seen)
            {
                throw new ParticleFormatException(offset, $"duplicate field \"{key}\"");
            }

            seen = true;
        }

        public readonly Particle ToParticle(long endOffset)
        {
            if (!HasAction)
            {
                throw new ParticleFormatException(endOffset, "missing field \"action\"");
            }

            if (Action != ActionParticle)
            {
                throw new ParticleFormatException(endOffset, $"action \"{Action}\" is not a particle");
            }

            string? missing = !HasId ? "id"
                : !HasInitPeerId ? "init_peer_id"
                : !HasTimestamp ? "timestamp"
                : !HasTtl ? "ttl"
                : !HasScript ? "script"
                : !HasSignature ? "signature"
                : !HasData ? "data"
                : null;
            if (missing is not null)
            {
                throw new ParticleFormatException(endOffset, $"missing field \"{missing}\"");
            }

            return new Particle(Id!, InitPeerId!, Timestamp, Ttl, Script!, Signature!, Data!);
        }
    }
}
