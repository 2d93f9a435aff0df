// SPDX-License-Identifier: Apache-2.0

using System.Buffers;
using System.Buffers.Binary;
using System.IO.Pipelines;
using System.Text;
using Lineage.P2p.Identity;
using Org.BouncyCastle.Crypto.Agreement;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Security;

namespace Lineage.P2p.Noise;

/// <summary>
/// libp2p Noise XX (<c>/noise</c>): a fresh X25519 static key per connection, signed by the identity key over
/// <c>"noise-libp2p-static-key:" ‖ static_pub</c>; the remote's signature is verified against the static key of
/// this very handshake, and the dialler checks the authenticated peer id against the one it dialled.
/// Muxer lists in the payload extensions select the muxer inline when both sides send one.
/// </summary>
public static class NoiseHandshake
{
    public const string ProtocolId = "/noise";
    public const int MaxMessageLength = 65535;
    private const int KeyLength = 32;
    private static readonly byte[] s_signaturePrefix = Encoding.ASCII.GetBytes("noise-libp2p-static-key:");

    /// <summary>Runs the handshake as initiator (dialler).</summary>
    public static async ValueTask<NoiseResult> InitiateAsync(PipeReader input, PipeWriter output, PrivateKey identity, PeerId? expectedRemote, IReadOnlyList<string> muxers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(identity);
        ArgumentNullException.ThrowIfNull(muxers);
        using var state = new NoiseSymmetricState();
        var random = new SecureRandom();
        var ephemeral = new X25519PrivateKeyParameters(random);
        var staticKey = new X25519PrivateKeyParameters(random);
        byte[] ephemeralPublic = ephemeral.GeneratePublicKey().GetEncoded();
        byte[] staticPublic = staticKey.GeneratePublicKey().GetEncoded();

        // -> e
        state.MixHash(ephemeralPublic);
        state.MixHash([]);
        WriteFrame(output, ephemeralPublic);
        await output.FlushAsync(cancellationToken).ConfigureAwait(false);

        // <- e, ee, s, es
        byte[] message2 = await ReadFrameAsync(input, cancellationToken).ConfigureAwait(false);
        if (message2.Length < KeyLength + KeyLength + NoiseCipherState.TagLength)
        {
            throw new NoiseHandshakeException($"noise: message 2 of {message2.Length} bytes is too short");
        }

        byte[] remoteEphemeral = message2[..KeyLength];
        state.MixHash(remoteEphemeral);
        state.MixKey(Agree(ephemeral, remoteEphemeral));
        byte[] remoteStatic = state.DecryptAndHash(message2.AsSpan(KeyLength, KeyLength + NoiseCipherState.TagLength));
        state.MixKey(Agree(ephemeral, remoteStatic));
        byte[] remotePayloadBytes = state.DecryptAndHash(message2.AsSpan(KeyLength + KeyLength + NoiseCipherState.TagLength));
        (PublicKey remoteKey, PeerId remotePeer, NoiseHandshakePayload remotePayload) = Authenticate(remotePayloadBytes, remoteStatic);
        if (expectedRemote is not null && remotePeer != expectedRemote)
        {
            throw new PeerIdMismatchException(expectedRemote, remotePeer);
        }

        // -> s, se
        byte[] payload = CreatePayload(identity, staticPublic, muxers);
        byte[] message3 = new byte[KeyLength + NoiseCipherState.TagLength + payload.Length + NoiseCipherState.TagLength];
        int written = state.EncryptAndHash(staticPublic, message3);
        state.MixKey(Agree(staticKey, remoteEphemeral));
        state.EncryptAndHash(payload, message3.AsSpan(written));
        WriteFrame(output, message3);
        await output.FlushAsync(cancellationToken).ConfigureAwait(false);

        (NoiseCipherState send, NoiseCipherState receive) = state.Split();
        string? muxer = ChooseMuxer(initiatorList: muxers, responderList: remotePayload.StreamMuxers);
        return new NoiseResult(new NoiseChannel(input, output, send, receive), remotePeer, remoteKey, muxer);
    }

    /// <summary>Runs the handshake as responder (listener).</summary>
    public static async ValueTask<NoiseResult> RespondAsync(PipeReader input, PipeWriter output, PrivateKey identity, IReadOnlyList<string> muxers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(identity);
        ArgumentNullException.ThrowIfNull(muxers);
        using var state = new NoiseSymmetricState();
        var random = new SecureRandom();
        var ephemeral = new X25519PrivateKeyParameters(random);
        var staticKey = new X25519PrivateKeyParameters(random);
        byte[] ephemeralPublic = ephemeral.GeneratePublicKey().GetEncoded();
        byte[] staticPublic = staticKey.GeneratePublicKey().GetEncoded();

        // -> e
        byte[] message1 = await ReadFrameAsync(input, cancellationToken).ConfigureAwait(false);
        if (message1.Length < KeyLength)
        {
            throw new NoiseHandshakeException($"noise: message 1 of {message1.Length} bytes is too short");
        }

        byte[] remoteEphemeral = message1[..KeyLength];
        state.MixHash(remoteEphemeral);
        state.DecryptAndHash(message1.AsSpan(KeyLength));

        // <- e, ee, s, es
        byte[] payload = CreatePayload(identity, staticPublic, muxers);
        byte[] message2 = new byte[KeyLength + KeyLength + NoiseCipherState.TagLength + payload.Length + NoiseCipherState.TagLength];
        ephemeralPublic.CopyTo(message2, 0);
        state.MixHash(ephemeralPublic);
        state.MixKey(Agree(ephemeral, remoteEphemeral));
        int written = KeyLength + state.EncryptAndHash(staticPublic, message2.AsSpan(KeyLength));
        state.MixKey(Agree(staticKey, remoteEphemeral));
        state.EncryptAndHash(payload, message2.AsSpan(written));
        WriteFrame(output, message2);
        await output.FlushAsync(cancellationToken).ConfigureAwait(false);

        // -> s, se
        byte[] message3 = await ReadFrameAsync(input, cancellationToken).ConfigureAwait(false);
        if (message3.Length < KeyLength + NoiseCipherState.TagLength + NoiseCipherState.TagLength)
        {
            throw new NoiseHandshakeException($"noise: message 3 of {message3.Length} bytes is too short");
        }

        byte[] remoteStatic = state.DecryptAndHash(message3.AsSpan(0, KeyLength + NoiseCipherState.TagLength));
        state.MixKey(Agree(ephemeral, remoteStatic));
        byte[] remotePayloadBytes = state.DecryptAndHash(message3.AsSpan(KeyLength + NoiseCipherState.TagLength));
        (PublicKey remoteKey, PeerId remotePeer, NoiseHandshakePayload remotePayload) = Authenticate(remotePayloadBytes, remoteStatic);

        (NoiseCipherState initiatorToResponder, NoiseCipherState responderToInitiator) = state.Split();
        string? muxer = ChooseMuxer(initiatorList: remotePayload.StreamMuxers, responderList: muxers);
        return new NoiseResult(new NoiseChannel(input, output, responderToInitiator, initiatorToResponder), remotePeer, remoteKey, muxer);
    }

    // Inlined muxer negotiation: only when both lists are non-empty; the initiator's preference wins.
    private static string? ChooseMuxer(IReadOnlyList<string> initiatorList, IReadOnlyList<string> responderList)
    {
        if (initiatorList.Count == 0 || responderList.Count == 0)
        {
            return null;
        }

        foreach (string candidate in initiatorList)
        {
            if (responderList.Contains(candidate))
            {
                return candidate;
            }
        }

        throw new NoiseHandshakeException($"noise: no common stream muxer (initiator: {string.Join(", ", initiatorList)}; responder: {string.Join(", ", responderList)})");
    }

    private static byte[] CreatePayload(PrivateKey identity, byte[] staticPublic, IReadOnlyList<string> muxers)
    {
        byte[] signature = identity.Sign([.. s_signaturePrefix, .. staticPublic]);
        return new NoiseHandshakePayload(identity.PublicKey.ToProtobuf(), signature, muxers).Encode();
    }

    private static (PublicKey Key, PeerId Peer, NoiseHandshakePayload Payload) Authenticate(byte[] payloadBytes, byte[] remoteStatic)
    {
        NoiseHandshakePayload payload;
        PublicKey key;
        try
        {
            payload = NoiseHandshakePayload.Decode(payloadBytes);
            key = PublicKey.FromProtobuf(payload.IdentityKey);
        }
        catch (FormatException ex)
        {
            throw new NoiseHandshakeException("noise: invalid identity key in handshake payload: " + ex.Message, ex);
        }
        catch (P2pProtocolException ex) when (ex is not NoiseHandshakeException)
        {
            throw new NoiseHandshakeException("noise: malformed handshake payload: " + ex.Message, ex);
        }

        if (!key.Verify([.. s_signaturePrefix, .. remoteStatic], payload.IdentitySignature))
        {
            throw new NoiseHandshakeException("noise: the identity signature over the static key is invalid");
        }

        return (key, key.ToPeerId(), payload);
    }

    private static byte[] Agree(X25519PrivateKeyParameters privateKey, byte[] remotePublic)
    {
        try
        {
            var agreement = new X25519Agreement();
            agreement.Init(privateKey);
            byte[] shared = new byte[agreement.AgreementSize];
            agreement.CalculateAgreement(new X25519PublicKeyParameters(remotePublic, 0), shared, 0);
            return shared;
        }
        catch (InvalidOperationException ex)
        {
            throw new NoiseHandshakeException("noise: X25519 agreement with a low-order point", ex);
        }
    }

    private static void WriteFrame(PipeWriter output, ReadOnlySpan<byte> message)
    {
        Span<byte> span = output.GetSpan(2 + message.Length);
        BinaryPrimitives.WriteUInt16BigEndian(span, (ushort)message.Length);
        message.CopyTo(span[2..]);
        output.Advance(2 + message.Length);
    }

    private static async ValueTask<byte[]> ReadFrameAsync(PipeReader input, CancellationToken cancellationToken)
    {
        while (true)
        {
            ReadResult result = await input.ReadAsync(cancellationToken).ConfigureAwait(false);
            ReadOnlySequence<byte> buffer = result.Buffer;
            if (buffer.Length >= 2)
            {
                int length = (buffer.Slice(0, 1).FirstSpan[0] << 8) | buffer.Slice(1, 1).FirstSpan[0];
                if (buffer.Length >= 2 + length)
                {
                    byte[] message = buffer.Slice(2, length).ToArray();
                    input.AdvanceTo(buffer.GetPosition(2 + length));
                    return message;
                }
            }

            if (result.IsCompleted || result.IsCanceled)
            {
                input.AdvanceTo(buffer.Start, buffer.End);
                throw new NoiseHandshakeException($"noise: connection closed during the handshake ({buffer.Length} bytes of a message buffered)");
            }

            input.AdvanceTo(buffer.Start, buffer.End);
        }
    }
}
