// SPDX-License-Identifier: Apache-2.0

using System.Diagnostics.CodeAnalysis;

namespace Lineage.Core.Multiformats;

/// <summary>
/// A content identifier. CIDv1 = <c>varint(1) ‖ varint(codec) ‖ multihash</c>, printed as multibase base32
/// (<c>b…</c>); CIDv0 = a bare sha2-256 multihash (dag-pb), printed as base58btc (<c>Qm…</c>).
/// </summary>
public sealed class Cid : IEquatable<Cid>
{
    private readonly byte[] _bytes;

    private Cid(int version, ulong codec, byte[] multihash, byte[] bytes)
    {
        Version = version;
        Codec = codec;
        Multihash = multihash;
        _bytes = bytes;
    }

    /// <summary>0 or 1.</summary>
    public int Version { get; }

    /// <summary>Content codec (e.g. <see cref="Multicodec.DagCbor"/>).</summary>
    public ulong Codec { get; }

    /// <summary>The multihash bytes.</summary>
    public ReadOnlyMemory<byte> Multihash { get; }

    /// <summary>CIDv1 over sha2-256 of <paramref name="block"/>.</summary>
    public static Cid ComputeV1(ulong codec, ReadOnlySpan<byte> block) =>
        CreateV1(codec, Multiformats.Multihash.Sha256(block));

    /// <summary>CIDv1 from a codec and an encoded multihash.</summary>
    public static Cid CreateV1(ulong codec, ReadOnlySpan<byte> multihash)
    {
        int codecLength = VarInt.GetLength(codec);
        byte[] bytes = new byte[1 + codecLength + multihash.Length];
        bytes[0] = 1;
        VarInt.Write(codec, bytes.AsSpan(1));
        multihash.CopyTo(bytes.AsSpan(1 + codecLength));
        return new Cid(1, codec, multihash.ToArray(), bytes);
    }

    /// <summary>The binary form (for CIDv0 the bare multihash).</summary>
    public byte[] ToBytes() => (byte[])_bytes.Clone();

    /// <summary>The binary form without copying.</summary>
    public ReadOnlySpan<byte> AsSpan() => _bytes;

    /// <summary>Reads a binary CID occupying all of <paramref name="source"/>.</summary>
    public static Cid FromBytes(ReadOnlySpan<byte> source)
    {
        if (!TryFromBytes(source, out Cid? cid, out string? error))
        {
            throw new FormatException(error);
        }

        return cid;
    }

    /// <summary>Reads a binary CID occupying all of <paramref name="source"/>; false with a reason otherwise.</summary>
    public static bool TryFromBytes(ReadOnlySpan<byte> source, [NotNullWhen(true)] out Cid? cid, [NotNullWhen(false)] out string? error)
    {
        cid = null;
        if (source.Length == 34 && source[0] == 0x12 && source[1] == 0x20)
        {
            cid = new Cid(0, Multicodec.DagPb, source.ToArray(), source.ToArray());
            error = null;
            return true;
        }

        if (!VarInt.TryRead(source, out ulong version, out int versionLength, out string? varIntError))
        {
            error = $"malformed CID version varint at offset 0: {varIntError}";
            return false;
        }

        if (version != 1)
        {
            error = $"unsupported CID version {version} at offset 0";
            return false;
        }

        if (!VarInt.TryRead(source[versionLength..], out ulong codec, out int codecLength, out varIntError))
        {
            error = $"malformed CID codec varint at offset {versionLength}: {varIntError}";
            return false;
        }

        int multihashStart = versionLength + codecLength;
        if (!Multiformats.Multihash.TryRead(source[multihashStart..], out _, out _, out int multihashLength, out string? multihashError))
        {
            error = $"{multihashError} (multihash starts at offset {multihashStart})";
            return false;
        }

        if (multihashStart + multihashLength != source.Length)
        {
            error = $"{source.Length - multihashStart - multihashLength} trailing bytes after the CID at offset {multihashStart + multihashLength}";
            return false;
        }

        cid = new Cid(1, codec, source[multihashStart..].ToArray(), source.ToArray());
        error = null;
        return true;
    }

    /// <summary>Parses a CID string: CIDv0 (<c>Qm…</c>), or CIDv1 in multibase base32 (<c>b…</c>) or base58btc (<c>z…</c>).</summary>
    public static Cid Parse(string text)
    {
        if (!TryParse(text, out Cid? cid, out string? error))
        {
            throw new FormatException(error);
        }

        return cid;
    }

    /// <summary>Parses a CID string; false with a reason when it is not a CID.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out Cid? cid, [NotNullWhen(false)] out string? error)
    {
        cid = null;
        if (string.IsNullOrEmpty(text))
        {
            error = "empty CID";
            return false;
        }

        byte[]? bytes;
        if (text.Length == 46 && text.StartsWith("Qm", StringComparison.Ordinal))
        {
            if (!Base58.TryDecode(text, out bytes, out int bad))
            {
                error = $"invalid base58 character at offset {bad} in CIDv0";
                return false;
            }
        }
        else if (text[0] is 'b' or 'B')
        {
            if (!Base32.TryDecode(text[1..], out bytes))
            {
                error = "invalid base32 in CID";
                return false;
            }
        }
        else if (text[0] == 'z')
        {
            if (!Base58.TryDecode(text[1..], out bytes, out int bad))
            {
                error = $"invalid base58 character at offset {bad + 1} in CID";
                return false;
            }
        }
        else
        {
            error = $"unsupported CID multibase prefix '{text[0]}'";
            return false;
        }

        return TryFromBytes(bytes, out cid, out error);
    }

    /// <summary>Canonical text: base58btc for CIDv0, multibase base32 lower case for CIDv1.</summary>
    public override string ToString() => Version == 0 ? Base58.Encode(_bytes) : "b" + Base32.Encode(_bytes);

    public bool Equals(Cid? other) => other is not null && _bytes.AsSpan().SequenceEqual(other._bytes);

    public override bool Equals(object? obj) => obj is Cid other && Equals(other);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.AddBytes(_bytes);
        return hash.ToHashCode();
    }
}
