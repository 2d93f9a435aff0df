// SPDX-License-Identifier: Apache-2.0

using Lineage.P2p.Channels;

namespace Lineage.P2p.Tests.Infrastructure;

/// <summary>Hands out the inner channel's chunks in random small pieces (1..maxPiece bytes).</summary>
public sealed class FragmentingChannel(IByteChannel inner, int maxPiece, int seed = 1) : IByteChannel
{
    private readonly Random _random = new(seed);
    private ReadOnlyMemory<byte> _rest;

    public async ValueTask<ReadOnlyMemory<byte>> ReadAsync(CancellationToken cancellationToken)
    {
        if (_rest.IsEmpty)
        {
            ReadOnlyMemory<byte> chunk = await inner.ReadAsync(cancellationToken);
            if (chunk.IsEmpty)
            {
                return chunk;
            }

            _rest = chunk.ToArray();
        }

        int n = Math.Min(_rest.Length, _random.Next(1, maxPiece + 1));
        ReadOnlyMemory<byte> piece = _rest[..n];
        _rest = _rest[n..];
        return piece;
    }

    public ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken) => inner.WriteAsync(data, cancellationToken);

    public void Abort() => inner.Abort();

    public ValueTask DisposeAsync() => inner.DisposeAsync();
}
