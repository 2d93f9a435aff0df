// SPDX-License-Identifier: Apache-2.0

using System.IO.Pipelines;
using Lineage.P2p.Identity;
using Lineage.P2p.Yamux;

namespace Lineage.P2p.Hosting;

/// <summary>
/// A negotiated application stream. Use it as a <see cref="System.IO.Stream"/> or through
/// <see cref="Input"/>/<see cref="Output"/> (not both at once for the same direction).
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711", Justification = "libp2p calls it a stream")]
public sealed class P2pStream : IAsyncDisposable
{
    private readonly YamuxStream _stream;

    internal P2pStream(YamuxStream stream, string protocol, Connection connection)
    {
        _stream = stream;
        Protocol = protocol;
        Connection = connection;
    }

    public string Protocol { get; }

    public Connection Connection { get; }

    public PeerId RemotePeer => Connection.RemotePeer;

    /// <summary>The stream as a <see cref="System.IO.Stream"/>.</summary>
    public Stream Stream => _stream;

    public PipeReader Input => _stream.Input;

    public PipeWriter Output => _stream.Output;

    /// <summary>Half-closes (FIN) after flushing <see cref="Output"/>; the remote reads end-of-stream.</summary>
    public ValueTask CloseWriteAsync(CancellationToken cancellationToken = default) => _stream.CloseWriteAsync(cancellationToken);

    /// <summary>Aborts both directions (RST).</summary>
    public void Reset() => _stream.Reset();

    public ValueTask DisposeAsync() => _stream.DisposeAsync();
}
