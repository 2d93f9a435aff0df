// SPDX-License-Identifier: Apache-2.0

using System.IO.Pipelines;
using Lineage.P2p.Channels;
using Lineage.P2p.Yamux;

namespace Lineage.P2p.Tests.Infrastructure;

/// <summary>Two started yamux sessions over an in-memory channel pair (optionally fragmenting reads).</summary>
public sealed class YamuxPair : IAsyncDisposable
{
    public YamuxPair(int fragment = 0, YamuxOptions? clientOptions = null, YamuxOptions? serverOptions = null)
    {
        (IDuplexPipe a, IDuplexPipe b) = TestPipes.CreatePair();
        IByteChannel clientChannel = new PipeByteChannel(a.Input, a.Output);
        IByteChannel serverChannel = new PipeByteChannel(b.Input, b.Output);
        if (fragment > 0)
        {
            clientChannel = new FragmentingChannel(clientChannel, fragment, 1);
            serverChannel = new FragmentingChannel(serverChannel, fragment, 2);
        }

        ServerRaw = b;
        Client = new YamuxSession(clientChannel, isClient: true, clientOptions ?? new YamuxOptions { KeepAliveInterval = TimeSpan.Zero });
        Server = new YamuxSession(serverChannel, isClient: false, serverOptions ?? new YamuxOptions { KeepAliveInterval = TimeSpan.Zero });
        Client.Start();
        Server.Start();
    }

    public YamuxSession Client { get; }

    public YamuxSession Server { get; }

    public IDuplexPipe ServerRaw { get; }

    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync();
        await Server.DisposeAsync();
    }
}
