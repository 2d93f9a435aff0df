// SPDX-License-Identifier: Apache-2.0

using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Lineage.P2p.Noise;

/// <summary>
/// Noise CipherState for ChaChaPoly: a key and a 64-bit counter. The 96-bit nonce is four zero bytes followed by
/// the counter in <b>little-endian</b> (big-endian is the classic bug that only works against itself).
/// </summary>
internal sealed class NoiseCipherState : IDisposable
{
    public const int TagLength = 16;

    private readonly ChaCha20Poly1305 _aead;
    private ulong _nonce;

    public NoiseCipherState(ReadOnlySpan<byte> key)
    {
        _aead = new ChaCha20Poly1305(key);
    }

    public void Encrypt(ReadOnlySpan<byte> plaintext, Span<byte> ciphertextAndTag, ReadOnlySpan<byte> associatedData)
    {
        Span<byte> nonce = stackalloc byte[12];
        NextNonce(nonce);
        _aead.Encrypt(nonce, plaintext, ciphertextAndTag[..plaintext.Length], ciphertextAndTag.Slice(plaintext.Length, TagLength), associatedData);
    }

    /// <summary>Decrypts and authenticates; throws <see cref="NoiseHandshakeException"/> on a bad tag.</summary>
    public void Decrypt(ReadOnlySpan<byte> ciphertextAndTag, Span<byte> plaintext, ReadOnlySpan<byte> associatedData)
    {
        if (ciphertextAndTag.Length < TagLength)
        {
            throw new NoiseHandshakeException($"noise: ciphertext of {ciphertextAndTag.Length} bytes is shorter than the tag");
        }

        Span<byte> nonce = stackalloc byte[12];
        NextNonce(nonce);
        int length = ciphertextAndTag.Length - TagLength;
        try
        {
            _aead.Decrypt(nonce, ciphertextAndTag[..length], ciphertextAndTag[length..], plaintext[..length], associatedData);
        }
        catch (AuthenticationTagMismatchException ex)
        {
            throw new NoiseHandshakeException("noise: message failed authentication", ex);
        }
    }

    public void Dispose() => _aead.Dispose();

    private void NextNonce(Span<byte> nonce)
    {
        if (_nonce == ulong.MaxValue)
        {
            throw new NoiseHandshakeException("noise: nonce space exhausted (no rekey in libp2p noise)");
        }

        nonce[..4].Clear();
        BinaryPrimitives.WriteUInt64LittleEndian(nonce[4..], _nonce++);
    }
}
