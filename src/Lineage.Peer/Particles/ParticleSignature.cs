// SPDX-License-Identifier: Apache-2.0

using System.Buffers.Binary;
using System.Text;
using Lineage.P2p.Identity;

namespace Lineage.Peer.Particles;

/// <summary>
/// The particle signature (fluence-peer.md §3.2): Ed25519 by the init peer over
/// <c>utf8(id) ‖ u64_le(timestamp) ‖ u32_le(ttl) ‖ utf8(script)</c>; <c>init_peer_id</c> and data are not signed.
/// </summary>
public static class ParticleSignature
{
    /// <summary>The exact bytes that are signed.</summary>
    public static byte[] GetSignedBytes(string id, ulong timestamp, uint ttl, string script)
    {
        int idLength = Encoding.UTF8.GetByteCount(id);
        int scriptLength = Encoding.UTF8.GetByteCount(script);
        byte[] bytes = new byte[idLength + 8 + 4 + scriptLength];
        Encoding.UTF8.GetBytes(id, bytes);
        BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(idLength), timestamp);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(idLength + 8), ttl);
        Encoding.UTF8.GetBytes(script, bytes.AsSpan(idLength + 12));
        return bytes;
    }

    /// <summary>The signed bytes of <paramref name="particle"/>.</summary>
    public static byte[] GetSignedBytes(Particle particle) =>
        GetSignedBytes(particle.Id, particle.Timestamp, particle.Ttl, particle.Script);

    /// <summary>Creates a particle signed by <paramref name="key"/> (its peer id becomes the init peer id).</summary>
    public static Particle CreateSigned(PrivateKey key, string id, ulong timestamp, uint ttl, string script, ReadOnlyMemory<byte> data = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        byte[] signature = key.Sign(GetSignedBytes(id, timestamp, ttl, script));
        return new Particle(id, key.PeerId.ToString(), timestamp, ttl, script, signature, data);
    }

    /// <summary>
    /// Verifies the signature with the Ed25519 key inlined in the init peer id. Ids that are not Ed25519 identity
    /// ids cannot be verified and fail (as in nox and the JS client).
    /// </summary>
    public static bool Verify(Particle particle, out string? failure)
    {
        ArgumentNullException.ThrowIfNull(particle);
        if (!PeerId.TryParse(particle.InitPeerId, out PeerId? peerId))
        {
            failure = "init_peer_id is not a valid peer id";
            return false;
        }

        PublicKey? key;
        try
        {
            key = peerId.TryGetPublicKey();
        }
        catch (FormatException)
        {
            key = null;
        }

        if (key is null || key.Type != KeyType.Ed25519)
        {
            failure = "init_peer_id does not inline an Ed25519 public key";
            return false;
        }

        if (particle.Signature.Length != Core.Crypto.Ed25519.SignatureLength)
        {
            failure = $"signature must be {Core.Crypto.Ed25519.SignatureLength} bytes, got {particle.Signature.Length}";
            return false;
        }

        if (!key.Verify(GetSignedBytes(particle), particle.Signature.Span))
        {
            failure = "signature does not match the init peer's key";
            return false;
        }

        failure = null;
        return true;
    }
}
