// SPDX-License-Identifier: Apache-2.0

using System.IO.Pipelines;
using Lineage.P2p.Multiaddresses;

namespace Lineage.P2p.Transports;

/// <summary>
/// A raw transport connection (TCP socket or WebSocket) seen as a pair of pipes, before security and muxing.
/// Disposing closes the underlying connection.
/// </summary>
public sealed class TransportConnection : IAsyncDisposable
{
    private readonly Stream _stream;
    private readonly Action _abort;
    private int _disposed;

    public TransportConnection(Stream stream, Multiaddr localAddress, Multiaddr remoteAddress, Action abort)
    {
        _stream = stream ?? throw new ArgumentNullException(nameof(stream));
        _abort = abort ?? throw new ArgumentNullException(nameof(abort));
        LocalAddress = localAddress;
        RemoteAddress = remoteAddress;
        Input = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: 64 * 1024, minimumReadSize: 16 * 1024, leaveOpen: true));
        Output = PipeWriter.Create(stream, new StreamPipeWriterOptions(minimumBufferSize: 64 * 1024, leaveOpen: true));
    }

    public Multiaddr LocalAddress { get; }

    public Multiaddr RemoteAddress { get; }

    public PipeReader Input { get; }

    public PipeWriter Output { get; }

    /// <summary>Closes the connection at once; pending reads and writes fail.</summary>
    public void Abort() => _abort();

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _abort();
        await Input.CompleteAsync().ConfigureAwait(false);
        try
        {
            await Output.CompleteAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or System.Net.Sockets.SocketException or System.Net.WebSockets.WebSocketException)
        {
            // Completing flushes; the connection is already gone.
        }

        await _stream.DisposeAsync().ConfigureAwait(false);
    }
}
