// SPDX-License-Identifier: Apache-2.0

namespace Lineage.P2p.Channels;

/// <summary>
/// Hands out bytes already read ahead (e.g. by a multistream-select negotiation over the channel) before reading
/// the inner channel again, so nothing a pipelining peer sent is lost.
/// </summary>
public sealed class PrefixedByteChannel : IByteChannel
{
    private readonly IByteChannel _inner;
    private ReadOnlyMemory<byte> _prefix;

    public PrefixedByteChannel(IByteChannel inner, ReadOnlyMemory<byte> prefix)
    {
        _inner = inner;
        _prefix = prefix;
    }

    public ValueTask<ReadOnlyMemory<byte>> ReadAsync(CancellationToken cancellationToken)
    {
        if (!_prefix.IsEmpty)
        {
            ReadOnlyMemory<byte> prefix = _prefix;
            _prefix = ReadOnlyMemory<byte>.Empty;
            return ValueTask.FromResult(prefix);
        }

        return _inner.ReadAsync(cancellationToken);
    }

    public ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken) => _inner.WriteAsync(data, cancellationToken);

    public void Abort() => _inner.Abort();

    public ValueTask DisposeAsync() => _inner.DisposeAsync();
}
