// SPDX-License-Identifier: Apache-2.0

using System.Buffers;
using System.IO.Pipelines;
using Lineage.P2p.Hosting;
using Lineage.P2p.Identity;
using Lineage.P2p.Multiaddresses;

namespace Lineage.P2p.Tests.Infrastructure;

/// <summary>Builds started C# hosts listening on loopback TCP and WS with free ports, serving <c>/echo/1.0.0</c>.</summary>
public static class TestHosts
{
    public const string EchoProtocol = "/echo/1.0.0";

    public static async Task<Libp2pHost> StartAsync(PrivateKey? identity = null, ConnectionLimits? limits = null, bool webSocket = true)
    {
        var host = new Libp2pHost(new HostOptions
        {
            Identity = identity,
            ListenAddresses = webSocket
                ? [Multiaddr.Parse("/ip4/127.0.0.1/tcp/0"), Multiaddr.Parse("/ip4/127.0.0.1/tcp/0/ws")]
                : [Multiaddr.Parse("/ip4/127.0.0.1/tcp/0")],
            AgentVersion = "lineage-test/1.0",
            Limits = limits ?? new ConnectionLimits(),
        });
        host.SetHandler(EchoProtocol, EchoAsync);
        await host.StartAsync(CancellationToken.None);
        return host;
    }

    public static Multiaddr TcpAddress(this Libp2pHost host) => host.ListenAddresses.First(a => !a.Has(MultiaddrProtocol.Ws)).WithPeerId(host.PeerId);

    public static Multiaddr WsAddress(this Libp2pHost host) => host.ListenAddresses.First(a => a.Has(MultiaddrProtocol.Ws)).WithPeerId(host.PeerId);

    /// <summary>Echoes until the remote half-closes, then half-closes.</summary>
    public static async Task EchoAsync(P2pStream stream, CancellationToken cancellationToken)
    {
        PipeReader input = stream.Input;
        PipeWriter output = stream.Output;
        while (true)
        {
            ReadResult result = await input.ReadAsync(cancellationToken);
            foreach (ReadOnlyMemory<byte> segment in result.Buffer)
            {
                output.Write(segment.Span);
            }

            input.AdvanceTo(result.Buffer.End);
            await output.FlushAsync(cancellationToken);
            if (result.IsCompleted)
            {
                break;
            }
        }

        await stream.CloseWriteAsync(cancellationToken);
    }

    /// <summary>Sends <paramref name="payload"/> on a new echo stream, half-closes and returns what came back.</summary>
    public static async Task<byte[]> EchoOverAsync(Connection connection, byte[] payload, CancellationToken cancellationToken)
    {
        P2pStream stream = await connection.OpenStreamAsync(EchoProtocol, cancellationToken);
        await using (stream)
        {
            Task write = Task.Run(
                async () =>
                {
                    for (int offset = 0; offset < payload.Length; offset += 64 * 1024)
                    {
                        await stream.Stream.WriteAsync(payload.AsMemory(offset, Math.Min(64 * 1024, payload.Length - offset)), cancellationToken);
                    }

                    await stream.CloseWriteAsync(cancellationToken);
                },
                cancellationToken);
            using var received = new MemoryStream(payload.Length);
            await stream.Stream.CopyToAsync(received, cancellationToken);
            await write;
            return received.ToArray();
        }
    }
}
