// SPDX-License-Identifier: Apache-2.0

using System.Security.Cryptography;
using Lineage.Core.Multiformats;

namespace Lineage.P2p.Identity;

/// <summary>
/// A libp2p peer id: the multihash of the encoded <see cref="PublicKey"/> — identity when the encoding is at most
/// 42 bytes (Ed25519, secp256k1), sha2-256 otherwise. Text forms: base58btc (default) and CIDv1 (<c>libp2p-key</c>).
/// </summary>
public sealed class PeerId : IEquatable<PeerId>
{
    private const int MaxInlineKeyLength = 42;
    private const byte IdentityCode = (byte)Multicodec.Identity;
    private const byte Sha256Code = (byte)Multicodec.Sha256;

    private readonly byte[] _multihash;
    private readonly int _hashCode;
    private string? _text;

    private PeerId(byte[] multihash)
    {
        _multihash = multihash;
        var hash = default(HashCode);
        hash.AddBytes(multihash);
        _hashCode = hash.ToHashCode();
    }

    /// <summary>The multihash bytes (what multiaddr <c>/p2p/</c>, kad and identify carry).</summary>
    public ReadOnlySpan<byte> Bytes => _multihash;

    /// <summary>The multihash bytes as a new array.</summary>
    public byte[] ToBytes() => (byte[])_multihash.Clone();

    public static PeerId FromPublicKey(PublicKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        byte[] encoded = key.ToProtobuf();
        if (encoded.Length <= MaxInlineKeyLength)
        {
            return new PeerId([IdentityCode, (byte)encoded.Length, .. encoded]);
        }

        return new PeerId([Sha256Code, 32, .. SHA256.HashData(encoded)]);
    }

    /// <summary>Parses peer-id multihash bytes (identity or sha2-256).</summary>
    public static PeerId FromBytes(ReadOnlySpan<byte> multihash)
    {
        if (!TryFromBytes(multihash, out PeerId? peerId, out string? error))
        {
            throw new FormatException(error);
        }

        return peerId;
    }

    public static bool TryFromBytes(ReadOnlySpan<byte> multihash, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out PeerId? peerId, [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out string? error)
    {
        peerId = null;
        if (!Multihash.TryRead(multihash, out ulong code, out ReadOnlySpan<byte> digest, out int bytesRead, out string? multihashError))
        {
            error = $"peer id: {multihashError}";
            return false;
        }

        if (bytesRead != multihash.Length)
        {
            error = $"peer id: multihash declares {digest.Length} digest bytes but {multihash.Length - bytesRead + digest.Length} follow";
            return false;
        }

        try
        {
            switch (code)
            {
                case IdentityCode when digest.Length <= MaxInlineKeyLength:
                    // The digest must be a valid public key, or the id names nothing.
                    PublicKey.FromProtobuf(digest);
                    break;
                case Sha256Code when digest.Length == 32:
                    break;
                default:
                    error = $"peer id: unsupported multihash code 0x{code:x} with length {digest.Length}";
                    return false;
            }
        }
        catch (FormatException ex)
        {
            error = $"peer id: {ex.Message}";
            return false;
        }
        catch (P2pProtocolException ex)
        {
            error = $"peer id: {ex.Message}";
            return false;
        }

        peerId = new PeerId(multihash.ToArray());
        error = null;
        return true;
    }

    /// <summary>Parses base58btc (<c>12D3KooW…</c>, <c>16Uiu2…</c>, <c>Qm…</c>) or a CIDv1 with codec 0x72.</summary>
    public static PeerId Parse(string text)
    {
        if (!TryParse(text, out PeerId? peerId, out string? error))
        {
            throw new FormatException(error);
        }

        return peerId;
    }

    public static bool TryParse(string? text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out PeerId? peerId) =>
        TryParse(text, out peerId, out _);

    private static bool TryParse(string? text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out PeerId? peerId, out string? error)
    {
        peerId = null;
        if (string.IsNullOrEmpty(text))
        {
            error = "peer id: empty text";
            return false;
        }

        if (text[0] == '1' || text.StartsWith("Qm", StringComparison.Ordinal))
        {
            if (!Base58.TryDecode(text, out byte[]? bytes, out int bad))
            {
                error = $"peer id: invalid base58 character at offset {bad}";
                return false;
            }

            return TryFromBytes(bytes, out peerId, out error);
        }

        if (text[0] is not ('b' or 'B'))
        {
            error = $"peer id: unsupported multibase prefix '{text[0]}'";
            return false;
        }

        if (!Cid.TryParse(text, out Cid? cid, out string? cidError))
        {
            error = $"peer id: {cidError}";
            return false;
        }

        if (cid.Codec != Multicodec.Libp2pKey)
        {
            error = $"peer id: CID codec 0x{cid.Codec:x}, expected libp2p-key 0x72";
            return false;
        }

        return TryFromBytes(cid.Multihash.Span, out peerId, out error);
    }

    /// <summary>The public key embedded in an identity peer id, or null for a hashed one.</summary>
    public PublicKey? TryGetPublicKey() => _multihash[0] == IdentityCode ? PublicKey.FromProtobuf(_multihash.AsSpan(2)) : null;

    /// <summary>True when <paramref name="key"/> is this peer's key.</summary>
    public bool Matches(PublicKey key) => Equals(FromPublicKey(key));

    /// <summary>Base58btc text.</summary>
    public override string ToString() => _text ??= Base58.Encode(_multihash);

    /// <summary>CIDv1 text: multibase 'b' + base32(0x01 0x72 multihash).</summary>
    public string ToCidString() => Cid.CreateV1(Multicodec.Libp2pKey, _multihash).ToString();

    public bool Equals(PeerId? other) => other is not null && (ReferenceEquals(this, other) || (_hashCode == other._hashCode && _multihash.AsSpan().SequenceEqual(other._multihash)));

    public override bool Equals(object? obj) => Equals(obj as PeerId);

    public override int GetHashCode() => _hashCode;

    public static bool operator ==(PeerId? left, PeerId? right) => left is null ? right is null : left.Equals(right);

    public static bool operator !=(PeerId? left, PeerId? right) => !(left == right);
}
