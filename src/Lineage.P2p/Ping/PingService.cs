// SPDX-License-Identifier: Apache-2.0

using System.Buffers;
using System.Diagnostics;
using System.IO.Pipelines;
using System.Security.Cryptography;
using Lineage.P2p.Hosting;
using Lineage.P2p.Identity;
using Lineage.P2p.Multiaddresses;

namespace Lineage.P2p.Ping;

/// <summary>
/// <c>/ipfs/ping/1.0.0</c>: the dialler sends 32 random bytes, the listener echoes them, repeatedly on one stream
/// until the dialler half-closes.
/// </summary>
public sealed class PingService
{
    public const string ProtocolId = "/ipfs/ping/1.0.0";
    public const int PayloadSize = 32;
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(10);

    private readonly Libp2pHost _host;

    internal PingService(Libp2pHost host)
    {
        _host = host;
    }

    /// <summary>Pings the peer at <paramref name="address"/> <paramref name="count"/> times on one stream.</summary>
    public async Task<IReadOnlyList<TimeSpan>> PingAsync(Multiaddr address, int count, CancellationToken cancellationToken)
    {
        Connection connection = await _host.DialAsync(address, cancellationToken).ConfigureAwait(false);
        return await PingAsync(connection, count, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<TimeSpan>> PingAsync(PeerId peer, int count, CancellationToken cancellationToken)
    {
        Connection connection = await _host.DialAsync(peer, cancellationToken).ConfigureAwait(false);
        return await PingAsync(connection, count, cancellationToken).ConfigureAwait(false);
    }

    public static async Task<IReadOnlyList<TimeSpan>> PingAsync(Connection connection, int count, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        P2pStream stream = await connection.OpenStreamAsync(ProtocolId, cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var rtts = new List<TimeSpan>(count);
            byte[] payload = new byte[PayloadSize];
            for (int i = 0; i < count; i++)
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(s_timeout);
                RandomNumberGenerator.Fill(payload);
                long started = Stopwatch.GetTimestamp();
                await stream.Output.WriteAsync(payload, timeout.Token).ConfigureAwait(false);
                ReadResult result = await stream.Input.ReadAtLeastAsync(PayloadSize, timeout.Token).ConfigureAwait(false);
                if (result.Buffer.Length < PayloadSize)
                {
                    throw new IOException("ping: the remote closed the stream before answering");
                }

                bool same = result.Buffer.Slice(0, PayloadSize).ToArray().AsSpan().SequenceEqual(payload);
                stream.Input.AdvanceTo(result.Buffer.GetPosition(PayloadSize));
                rtts.Add(Stopwatch.GetElapsedTime(started));
                if (!same)
                {
                    throw new P2pProtocolException("ping: the answer does not match what was sent");
                }
            }

            await stream.CloseWriteAsync(cancellationToken).ConfigureAwait(false);
            return rtts;
        }
    }

    internal static async Task HandleAsync(P2pStream stream, CancellationToken cancellationToken)
    {
        while (true)
        {
            ReadResult result = await stream.Input.ReadAtLeastAsync(PayloadSize, cancellationToken).ConfigureAwait(false);
            if (result.Buffer.Length < PayloadSize)
            {
                stream.Input.AdvanceTo(result.Buffer.End);
                break;
            }

            ReadOnlySequence<byte> payload = result.Buffer.Slice(0, PayloadSize);
            foreach (ReadOnlyMemory<byte> segment in payload)
            {
                await stream.Output.WriteAsync(segment, cancellationToken).ConfigureAwait(false);
            }

            stream.Input.AdvanceTo(payload.End);
        }

        await stream.CloseWriteAsync(cancellationToken).ConfigureAwait(false);
    }
}
