// SPDX-License-Identifier: Apache-2.0

using System.Buffers;
using System.Buffers.Binary;
using System.IO.Pipelines;
using Lineage.P2p.Channels;

namespace Lineage.P2p.Noise;

/// <summary>
/// The Noise transport phase as an <see cref="IByteChannel"/>, decorating the raw pipes in-line: each read
/// decrypts one frame (<c>u16 BE length ‖ ciphertext ‖ tag</c>) into a reusable buffer, each write splits the
/// data into frames of at most 65519 plaintext bytes and encrypts them straight into the output pipe.
/// </summary>
public sealed class NoiseChannel : IByteChannel
{
    public const int MaxPlaintextPerFrame = NoiseHandshake.MaxMessageLength - NoiseCipherState.TagLength;

    private readonly PipeReader _input;
    private readonly PipeWriter _output;
    private readonly NoiseCipherState _send;
    private readonly NoiseCipherState _receive;
    private readonly byte[] _plaintext = new byte[NoiseHandshake.MaxMessageLength];
    private byte[]? _ciphertext;
    private Func<ValueTask>? _onDispose;

    internal NoiseChannel(PipeReader input, PipeWriter output, NoiseCipherState send, NoiseCipherState receive)
    {
        _input = input;
        _output = output;
        _send = send;
        _receive = receive;
    }

    /// <summary>Runs when the channel is disposed (closes the transport underneath).</summary>
    public void OnDispose(Func<ValueTask> action) => _onDispose = action;

    public async ValueTask<ReadOnlyMemory<byte>> ReadAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            ReadResult result = await _input.ReadAsync(cancellationToken).ConfigureAwait(false);
            ReadOnlySequence<byte> buffer = result.Buffer;
            if (TryDecryptFrame(ref buffer, out int plaintextLength))
            {
                _input.AdvanceTo(buffer.Start);
                if (plaintextLength == 0)
                {
                    continue; // an empty frame carries nothing; EOF is only the transport closing
                }

                return _plaintext.AsMemory(0, plaintextLength);
            }

            if (result.IsCompleted || result.IsCanceled)
            {
                long buffered = buffer.Length;
                _input.AdvanceTo(buffer.End);
                if (buffered == 0)
                {
                    return ReadOnlyMemory<byte>.Empty;
                }

                throw new P2pProtocolException($"noise: connection closed inside a frame ({buffered} bytes buffered)");
            }

            _input.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    public async ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        EncryptFrames(data.Span);
        FlushResult flush = await _output.FlushAsync(cancellationToken).ConfigureAwait(false);
        if (flush.IsCompleted)
        {
            throw new IOException("noise: the transport is closed for writing");
        }
    }

    public void Abort()
    {
        _input.CancelPendingRead();
        _output.CancelPendingFlush();
    }

    public async ValueTask DisposeAsync()
    {
        _send.Dispose();
        _receive.Dispose();
        if (_onDispose is not null)
        {
            await _onDispose().ConfigureAwait(false);
        }
    }

    private void EncryptFrames(ReadOnlySpan<byte> data)
    {
        while (!data.IsEmpty)
        {
            int chunk = Math.Min(data.Length, MaxPlaintextPerFrame);
            int frameLength = chunk + NoiseCipherState.TagLength;
            Span<byte> span = _output.GetSpan(2 + frameLength);
            BinaryPrimitives.WriteUInt16BigEndian(span, (ushort)frameLength);
            _send.Encrypt(data[..chunk], span.Slice(2, frameLength), []);
            _output.Advance(2 + frameLength);
            data = data[chunk..];
        }
    }

    private bool TryDecryptFrame(ref ReadOnlySequence<byte> buffer, out int plaintextLength)
    {
        plaintextLength = 0;
        if (buffer.Length < 2)
        {
            return false;
        }

        int length;
        ReadOnlySpan<byte> first = buffer.FirstSpan;
        if (first.Length >= 2)
        {
            length = BinaryPrimitives.ReadUInt16BigEndian(first);
        }
        else
        {
            Span<byte> prefix = stackalloc byte[2];
            buffer.Slice(0, 2).CopyTo(prefix);
            length = BinaryPrimitives.ReadUInt16BigEndian(prefix);
        }

        if (buffer.Length < 2 + length)
        {
            return false;
        }

        if (length < NoiseCipherState.TagLength)
        {
            throw new P2pProtocolException($"noise: frame of {length} bytes is shorter than the tag");
        }

        ReadOnlySequence<byte> frame = buffer.Slice(2, length);
        ReadOnlySpan<byte> ciphertext;
        if (frame.IsSingleSegment)
        {
            ciphertext = frame.FirstSpan;
        }
        else
        {
            // Only frames split across pipe segments need a contiguous copy; idle connections never allocate it.
            _ciphertext ??= new byte[NoiseHandshake.MaxMessageLength];
            frame.CopyTo(_ciphertext);
            ciphertext = _ciphertext.AsSpan(0, length);
        }

        _receive.Decrypt(ciphertext, _plaintext, []);
        plaintextLength = length - NoiseCipherState.TagLength;
        buffer = buffer.Slice(frame.End);
        return true;
    }
}
