// SPDX-License-Identifier: Apache-2.0

using System.Buffers;
using System.IO.Pipelines;

namespace Lineage.P2p.Yamux;

/// <summary>
/// The <see cref="PipeReader"/> face of a yamux stream: it forwards to the stream's receive pipe and reports
/// every consumed byte back to the stream, which is what grants the remote new window.
/// </summary>
internal sealed class YamuxStreamReader : PipeReader
{
    private readonly PipeReader _inner;
    private readonly YamuxStream _stream;
    private ReadOnlySequence<byte> _last;

    public YamuxStreamReader(PipeReader inner, YamuxStream stream)
    {
        _inner = inner;
        _stream = stream;
    }

    public override async ValueTask<ReadResult> ReadAsync(CancellationToken cancellationToken = default)
    {
        _stream.ThrowIfReadAborted();
        ReadResult result = await _inner.ReadAsync(cancellationToken).ConfigureAwait(false);
        _last = result.Buffer;
        return result;
    }

    public override bool TryRead(out ReadResult result)
    {
        _stream.ThrowIfReadAborted();
        if (_inner.TryRead(out result))
        {
            _last = result.Buffer;
            return true;
        }

        return false;
    }

    public override void AdvanceTo(SequencePosition consumed) => AdvanceTo(consumed, consumed);

    public override void AdvanceTo(SequencePosition consumed, SequencePosition examined)
    {
        long count = _last.IsEmpty ? 0 : _last.Slice(_last.Start, consumed).Length;
        _last = default;
        _inner.AdvanceTo(consumed, examined);
        if (count > 0)
        {
            _stream.OnConsumed((int)count);
        }
    }

    public override void CancelPendingRead() => _inner.CancelPendingRead();

    public override void Complete(Exception? exception = null)
    {
        _inner.Complete(exception);
        _stream.OnReaderCompleted();
    }
}
