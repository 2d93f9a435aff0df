// SPDX-License-Identifier: Apache-2.0

using System.Buffers;
using System.IO.Pipelines;

namespace Lineage.P2p.Channels;

/// <summary>
/// An unencrypted <see cref="IByteChannel"/> over a pipe pair (tests, and any already-secured transport).
/// </summary>
public sealed class PipeByteChannel : IByteChannel
{
    private readonly PipeReader _input;
    private readonly PipeWriter _output;
    private readonly Func<ValueTask>? _onDispose;
    private readonly byte[] _chunk = new byte[64 * 1024];

    public PipeByteChannel(PipeReader input, PipeWriter output, Func<ValueTask>? onDispose = null)
    {
        _input = input;
        _output = output;
        _onDispose = onDispose;
    }

    public async ValueTask<ReadOnlyMemory<byte>> ReadAsync(CancellationToken cancellationToken)
    {
        ReadResult result = await _input.ReadAsync(cancellationToken).ConfigureAwait(false);
        ReadOnlySequence<byte> buffer = result.Buffer;
        if (buffer.IsEmpty)
        {
            _input.AdvanceTo(buffer.End);
            return ReadOnlyMemory<byte>.Empty;
        }

        int n = (int)Math.Min(buffer.Length, _chunk.Length);
        buffer.Slice(0, n).CopyTo(_chunk);
        _input.AdvanceTo(buffer.GetPosition(n));
        return _chunk.AsMemory(0, n);
    }

    public async ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        await _output.WriteAsync(data, cancellationToken).ConfigureAwait(false);
    }

    public void Abort()
    {
        _input.CancelPendingRead();
        _input.Complete(new ObjectDisposedException(nameof(PipeByteChannel)));
        _output.Complete(new ObjectDisposedException(nameof(PipeByteChannel)));
    }

    public async ValueTask DisposeAsync()
    {
        await _output.CompleteAsync().ConfigureAwait(false);
        await _input.CompleteAsync().ConfigureAwait(false);
        if (_onDispose is not null)
        {
            await _onDispose().ConfigureAwait(false);
        }
    }
}
