// SPDX-License-Identifier: Apache-2.0

using System.Security.Cryptography;
using System.Text;

namespace Lineage.P2p.Noise;

/// <summary>
/// Noise SymmetricState for <c>Noise_XX_25519_ChaChaPoly_SHA256</c>. The protocol name is exactly 32 bytes, so
/// h starts as the name itself; the empty prologue is still mixed in.
/// </summary>
internal sealed class NoiseSymmetricState : IDisposable
{
    public const string ProtocolName = "Noise_XX_25519_ChaChaPoly_SHA256";

    private readonly byte[] _h = new byte[32];
    private readonly byte[] _ck = new byte[32];
    private NoiseCipherState? _cipher;

    public NoiseSymmetricState()
    {
        Encoding.ASCII.GetBytes(ProtocolName, _h);
        _h.CopyTo(_ck, 0);
        MixHash([]);
    }

    public ReadOnlySpan<byte> HandshakeHash => _h;

    public bool HasKey => _cipher is not null;

    public void MixHash(ReadOnlySpan<byte> data)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(_h);
        sha.AppendData(data);
        sha.GetHashAndReset(_h);
    }

    public void MixKey(ReadOnlySpan<byte> inputKeyMaterial)
    {
        (byte[] ck, byte[] key) = Hkdf(_ck, inputKeyMaterial);
        ck.CopyTo(_ck, 0);
        _cipher?.Dispose();
        _cipher = new NoiseCipherState(key);
    }

    /// <summary>Encrypts (or copies, before any key) and mixes the ciphertext into h. Returns bytes written.</summary>
    public int EncryptAndHash(ReadOnlySpan<byte> plaintext, Span<byte> destination)
    {
        int length;
        if (_cipher is null)
        {
            plaintext.CopyTo(destination);
            length = plaintext.Length;
        }
        else
        {
            _cipher.Encrypt(plaintext, destination, _h);
            length = plaintext.Length + NoiseCipherState.TagLength;
        }

        MixHash(destination[..length]);
        return length;
    }

    /// <summary>Decrypts (or copies, before any key); the <b>ciphertext</b> is mixed into h.</summary>
    public byte[] DecryptAndHash(ReadOnlySpan<byte> ciphertext)
    {
        byte[] plaintext;
        if (_cipher is null)
        {
            plaintext = ciphertext.ToArray();
        }
        else
        {
            if (ciphertext.Length < NoiseCipherState.TagLength)
            {
                throw new NoiseHandshakeException($"noise: encrypted field of {ciphertext.Length} bytes is shorter than the tag");
            }

            plaintext = new byte[ciphertext.Length - NoiseCipherState.TagLength];
            _cipher.Decrypt(ciphertext, plaintext, _h);
        }

        MixHash(ciphertext);
        return plaintext;
    }

    /// <summary>Split: the initiator sends with the first key and receives with the second.</summary>
    public (NoiseCipherState First, NoiseCipherState Second) Split()
    {
        (byte[] k1, byte[] k2) = Hkdf(_ck, []);
        return (new NoiseCipherState(k1), new NoiseCipherState(k2));
    }

    public void Dispose() => _cipher?.Dispose();

    // HKDF as the Noise spec defines it: ck is the HMAC key (salt), no info field, two outputs.
    private static (byte[] First, byte[] Second) Hkdf(ReadOnlySpan<byte> chainingKey, ReadOnlySpan<byte> inputKeyMaterial)
    {
        byte[] tempKey = HMACSHA256.HashData(chainingKey, inputKeyMaterial);
        byte[] first = HMACSHA256.HashData(tempKey, new byte[] { 0x01 });
        byte[] second = HMACSHA256.HashData(tempKey, (byte[])[.. first, 0x02]);
        return (first, second);
    }
}
