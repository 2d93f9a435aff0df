// SPDX-License-Identifier: Apache-2.0

namespace Lineage.P2p.Channels;

/// <summary>
/// A <see cref="Stream"/> view of an <see cref="IByteChannel"/>, used only for the short multistream-select
/// negotiation after a security handshake that did not inline the muxer choice. Unconsumed bytes of the last
/// chunk are available through <see cref="TakeRemainder"/>.
/// </summary>
internal sealed class ByteChannelStream : Stream
{
    private readonly IByteChannel _channel;
    private ReadOnlyMemory<byte> _remainder;

    public ByteChannelStream(IByteChannel channel)
    {
        _channel = channel;
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public byte[] TakeRemainder()
    {
        byte[] remainder = _remainder.ToArray();
        _remainder = ReadOnlyMemory<byte>.Empty;
        return remainder;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_remainder.IsEmpty)
        {
            // The chunk is only valid until the next channel read: keep a copy of what does not fit.
            ReadOnlyMemory<byte> chunk = await _channel.ReadAsync(cancellationToken).ConfigureAwait(false);
            if (chunk.IsEmpty)
            {
                return 0;
            }

            _remainder = chunk.ToArray();
        }

        int n = Math.Min(buffer.Length, _remainder.Length);
        _remainder[..n].CopyTo(buffer);
        _remainder = _remainder[n..];
        return n;
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
        _channel.WriteAsync(buffer, cancellationToken);

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("use ReadAsync");

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException("use WriteAsync");

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
