// SPDX-License-Identifier: Apache-2.0

namespace Lineage.P2p.Channels;

/// <summary>
/// A secured byte stream between two peers (what the muxer runs over). Reads hand out the next chunk of bytes
/// in place, valid until the next read, so a decrypting layer needs no extra copy. Not thread-safe per
/// direction: one reader and one writer at a time.
/// </summary>
public interface IByteChannel : IAsyncDisposable
{
    /// <summary>The next chunk of bytes; an empty chunk means the remote closed the channel.</summary>
    ValueTask<ReadOnlyMemory<byte>> ReadAsync(CancellationToken cancellationToken);

    /// <summary>Writes and flushes <paramref name="data"/>.</summary>
    ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken);

    /// <summary>Tears the channel down at once (pending reads and writes fail).</summary>
    void Abort();
}
