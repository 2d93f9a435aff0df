// SPDX-License-Identifier: Apache-2.0

using System.Formats.Asn1;
using System.Security.Cryptography;
using Lineage.Core.Crypto;
using Lineage.P2p.Protobuf;

namespace Lineage.P2p.Identity;

/// <summary>
/// A libp2p public key: the key type and its raw data, encoded canonically as the <c>PublicKey</c> protobuf
/// (<c>08 type 12 len data</c>) whose bytes the peer id hashes.
/// </summary>
public sealed class PublicKey : IEquatable<PublicKey>
{
    private readonly byte[] _data;

    private PublicKey(KeyType type, byte[] data)
    {
        Type = type;
        _data = data;
    }

    public KeyType Type { get; }

    /// <summary>The key data: 32 raw bytes (Ed25519), a 33-byte compressed point (secp256k1), DER PKIX (RSA, ECDSA).</summary>
    public ReadOnlySpan<byte> Data => _data;

    /// <summary>Creates a key from its type and data, validating the data's shape.</summary>
    public static PublicKey Create(KeyType type, ReadOnlySpan<byte> data)
    {
        switch (type)
        {
            case KeyType.Ed25519 when data.Length != Ed25519.PublicKeyLength:
                throw new FormatException($"Ed25519 public key must be 32 bytes, got {data.Length}");
            case KeyType.Secp256k1:
                // Normalises an uncompressed point too; an invalid point throws FormatException.
                return new PublicKey(type, Secp256k1.NormalizePublicKey(data, compressed: true));
            case KeyType.Rsa or KeyType.Ecdsa when data.Length == 0:
                throw new FormatException($"{type} public key is empty");
            case > KeyType.Ecdsa or < KeyType.Rsa:
                throw new FormatException($"unknown key type {(int)type}");
        }

        return new PublicKey(type, data.ToArray());
    }

    /// <summary>Decodes a <c>PublicKey</c> protobuf. Both fields are required; unknown fields are rejected.</summary>
    public static PublicKey FromProtobuf(ReadOnlySpan<byte> encoded)
    {
        var reader = new ProtoReader(encoded);
        long? type = null;
        ReadOnlySpan<byte> data = default;
        bool hasData = false;
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
                    hasData = true;
                    break;
                default:
                    throw new ProtobufException(reader.Position, $"unexpected field {field} in PublicKey");
            }
        }

        if (type is null || !hasData)
        {
            throw new ProtobufException(reader.Position, "PublicKey needs both Type and Data");
        }

        if (type is < 0 or > 3)
        {
            throw new FormatException($"unknown key type {type}");
        }

        return Create((KeyType)type.Value, data);
    }

    /// <summary>The canonical protobuf encoding.</summary>
    public byte[] ToProtobuf() => new ProtoWriter(_data.Length + 8).WriteVarint(1, (ulong)Type).WriteBytes(2, _data).ToArray();

    /// <summary>The peer id of this key.</summary>
    public PeerId ToPeerId() => PeerId.FromPublicKey(this);

    /// <summary>
    /// Verifies a signature made by the matching private key under libp2p's per-type rules. Malformed signatures
    /// are a failed verification, never an exception.
    /// </summary>
    public bool Verify(ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature)
    {
        try
        {
            switch (Type)
            {
                case KeyType.Ed25519:
                    return Ed25519.Verify(_data, message, signature);
                case KeyType.Secp256k1:
                    {
                        if (!EcdsaDer.TryDecode(signature, 32, out byte[] rs))
                        {
                            return false;
                        }

                        return Secp256k1.VerifyHash(_data, SHA256.HashData(message), rs);
                    }

                case KeyType.Rsa:
                    {
                        using var rsa = RSA.Create();
                        rsa.ImportSubjectPublicKeyInfo(_data, out _);
                        return rsa.VerifyData(message, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
                    }

                case KeyType.Ecdsa:
                    {
                        using var ecdsa = ECDsa.Create();
                        ecdsa.ImportSubjectPublicKeyInfo(_data, out _);
                        return ecdsa.VerifyData(message, signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
                    }

                default:
                    return false;
            }
        }
        catch (CryptographicException)
        {
            return false;
        }
        catch (AsnContentException)
        {
            return false;
        }
    }

    public bool Equals(PublicKey? other) => other is not null && other.Type == Type && other._data.AsSpan().SequenceEqual(_data);

    public override bool Equals(object? obj) => Equals(obj as PublicKey);

    public override int GetHashCode()
    {
        var hash = default(HashCode);
        hash.Add(Type);
        hash.AddBytes(_data);
        return hash.ToHashCode();
    }
}
