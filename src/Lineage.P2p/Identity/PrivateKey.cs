// SPDX-License-Identifier: Apache-2.0

using System.Security.Cryptography;
using Lineage.Core.Crypto;
using Lineage.P2p.Protobuf;

namespace Lineage.P2p.Identity;

/// <summary>
/// A libp2p identity key that can sign: Ed25519 (32-byte seed) or secp256k1 (32-byte scalar). Never logged.
/// </summary>
public sealed class PrivateKey
{
    private readonly byte[] _secret;

    private PrivateKey(KeyType type, byte[] secret, PublicKey publicKey)
    {
        Type = type;
        _secret = secret;
        PublicKey = publicKey;
    }

    public KeyType Type { get; }

    public PublicKey PublicKey { get; }

    /// <summary>The peer id of this identity.</summary>
    public PeerId PeerId => PublicKey.ToPeerId();

    /// <summary>Generates a fresh key of the given type.</summary>
    public static PrivateKey Generate(KeyType type = KeyType.Ed25519) => type switch
    {
        KeyType.Ed25519 => FromEd25519Seed(Ed25519.GenerateSeed()),
        KeyType.Secp256k1 => FromSecp256k1(Secp256k1.GeneratePrivateKey()),
        _ => throw new NotSupportedException($"cannot generate {type} identity keys"),
    };

    /// <summary>An Ed25519 identity from its 32-byte seed.</summary>
    public static PrivateKey FromEd25519Seed(ReadOnlySpan<byte> seed)
    {
        byte[] publicKey = Ed25519.GetPublicKey(seed);
        return new PrivateKey(KeyType.Ed25519, seed.ToArray(), PublicKey.Create(KeyType.Ed25519, publicKey));
    }

    /// <summary>A secp256k1 identity from its 32-byte scalar.</summary>
    public static PrivateKey FromSecp256k1(ReadOnlySpan<byte> scalar)
    {
        byte[] publicKey = Secp256k1.GetPublicKey(scalar, compressed: true);
        return new PrivateKey(KeyType.Secp256k1, scalar.ToArray(), PublicKey.Create(KeyType.Secp256k1, publicKey));
    }

    /// <summary>
    /// Decodes a <c>PrivateKey</c> protobuf. Ed25519 data is <c>seed ‖ pub</c> (64 bytes); the legacy 96-byte
    /// <c>seed ‖ pub ‖ pub</c> is accepted when both copies match the seed.
    /// </summary>
    public static PrivateKey FromProtobuf(ReadOnlySpan<byte> encoded)
    {
        var reader = new ProtoReader(encoded);
        long? type = null;
        ReadOnlySpan<byte> data = default;
        while (reader.TryReadTag(out int field, out WireType wire))
        {
            switch (field)
            {
                case 1:
                    reader.Expect(wire, WireType.Varint, field);
                    type = (long)reader.ReadVarint();
                    break;
                case 2:
                    reader.Expect(wire, WireType.LengthDelimited, field);
                    data = reader.ReadBytes();
                    break;
                default:
                    throw new ProtobufException(reader.Position, $"unexpected field {field} in PrivateKey");
            }
        }

        switch (type)
        {
            case (long)KeyType.Ed25519:
                {
                    if (data.Length is not (64 or 96))
                    {
                        throw new FormatException($"Ed25519 private key data must be 64 bytes, got {data.Length}");
                    }

                    PrivateKey key = FromEd25519Seed(data[..32]);
                    if (!data[32..64].SequenceEqual(key.PublicKey.Data) || (data.Length == 96 && !data[64..].SequenceEqual(key.PublicKey.Data)))
                    {
                        throw new FormatException("Ed25519 private key: embedded public key does not match the seed");
                    }

                    return key;
                }

            case (long)KeyType.Secp256k1:
                if (data.Length != 32)
                {
                    throw new FormatException($"secp256k1 private key data must be 32 bytes, got {data.Length}");
                }

                return FromSecp256k1(data);
            case null:
                throw new ProtobufException(reader.Position, "PrivateKey needs a Type");
            default:
                throw new NotSupportedException($"private keys of type {type} are not supported");
        }
    }

    /// <summary>The canonical protobuf encoding (Ed25519 data = seed ‖ pub).</summary>
    public byte[] ToProtobuf()
    {
        byte[] data = Type == KeyType.Ed25519 ? [.. _secret, .. PublicKey.Data] : _secret;
        return new ProtoWriter(data.Length + 8).WriteVarint(1, (ulong)Type).WriteBytes(2, data).ToArray();
    }

    /// <summary>
    /// Signs under libp2p's rules: Ed25519 over the message; secp256k1 ECDSA over SHA-256(message), low-S, DER.
    /// </summary>
    public byte[] Sign(ReadOnlySpan<byte> message)
    {
        switch (Type)
        {
            case KeyType.Ed25519:
                return Ed25519.Sign(_secret, message);
            case KeyType.Secp256k1:
                {
                    (byte[] rs, _) = Secp256k1.SignHash(_secret, SHA256.HashData(message));
                    return EcdsaDer.Encode(rs);
                }

            default:
                throw new NotSupportedException($"cannot sign with {Type} keys");
        }
    }
}
