// SPDX-License-Identifier: Apache-2.0

using System.CommandLine;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Lineage.P2p;
using Lineage.P2p.Hosting;
using Lineage.P2p.Identify;
using Lineage.P2p.Multiaddresses;
using Lineage.P2p.Ping;

namespace Lineage.Cli.P2p;

/// <summary>
/// <c>lineage p2p ping MULTIADDR [--count N]</c> and <c>lineage p2p identify MULTIADDR</c>: operator checks of a
/// libp2p peer, run from an ephemeral identity that does not listen.
/// </summary>
internal sealed class P2pCommandGroup : ICommandGroup
{
    private static readonly JsonSerializerOptions s_json = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public Command Create()
    {
        var group = new Command("p2p", "libp2p diagnostics: ping and identify a peer");
        group.Subcommands.Add(CreatePing());
        group.Subcommands.Add(CreateIdentify());
        return group;
    }

    private static Command CreatePing()
    {
        var address = new Argument<string>("MULTIADDR") { Description = "Peer address, e.g. /ip4/127.0.0.1/tcp/4001/p2p/12D3KooW…" };
        var count = new Option<int>("--count") { Description = "Number of pings", DefaultValueFactory = _ => 4 };
        var command = new Command("ping", "Ping a peer over /ipfs/ping/1.0.0 and print each round-trip time");
        command.Arguments.Add(address);
        command.Options.Add(count);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            if (!Multiaddr.TryParse(parseResult.GetValue(address), out Multiaddr? target))
            {
                return Fail($"not a multiaddr: {parseResult.GetValue(address)}", 2);
            }

            int n = parseResult.GetValue(count);
            if (n < 1)
            {
                return Fail("--count must be at least 1", 2);
            }

            await using var host = new Libp2pHost(new HostOptions());
            try
            {
                await host.StartAsync(cancellationToken);
                Connection connection = await host.DialAsync(target, cancellationToken);
                Console.Out.WriteLine($"PING {connection.RemotePeer} via {connection.RemoteAddress}");
                for (int i = 1; i <= n; i++)
                {
                    IReadOnlyList<TimeSpan> rtt = await PingService.PingAsync(connection, 1, cancellationToken);
                    Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"pong {i} from {connection.RemotePeer}: rtt={rtt[0].TotalMilliseconds:0.###} ms"));
                }

                return 0;
            }
            catch (Exception ex) when (ex is IOException or P2pProtocolException or TimeoutException or NotSupportedException or System.Net.Sockets.SocketException or OperationCanceledException)
            {
                return Fail(ex.Message, 1);
            }
        });
        return command;
    }

    private static Command CreateIdentify()
    {
        var address = new Argument<string>("MULTIADDR") { Description = "Peer address, e.g. /ip4/127.0.0.1/tcp/4001/p2p/12D3KooW…" };
        var command = new Command("identify", "Identify a peer and print its peer id, agent, protocols and listen addresses as JSON");
        command.Arguments.Add(address);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            if (!Multiaddr.TryParse(parseResult.GetValue(address), out Multiaddr? target))
            {
                return Fail($"not a multiaddr: {parseResult.GetValue(address)}", 2);
            }

            await using var host = new Libp2pHost(new HostOptions { EnableIdentify = false });
            try
            {
                await host.StartAsync(cancellationToken);
                Connection connection = await host.DialAsync(target, cancellationToken);
                IdentifyMessage identify = await host.Identify.IdentifyAsync(connection, cancellationToken);
                var result = new Dictionary<string, object?>
                {
                    ["peerId"] = connection.RemotePeer.ToString(),
                    ["agentVersion"] = identify.AgentVersion,
                    ["protocolVersion"] = identify.ProtocolVersion,
                    ["protocols"] = identify.Protocols ?? [],
                    ["listenAddresses"] = (identify.ListenAddresses ?? []).Select(a => a.ToString()).ToArray(),
                    ["observedAddress"] = identify.ObservedAddress?.ToString(),
                };
                Console.Out.WriteLine(JsonSerializer.Serialize(result, s_json));
                return 0;
            }
            catch (Exception ex) when (ex is IOException or P2pProtocolException or TimeoutException or NotSupportedException or System.Net.Sockets.SocketException or OperationCanceledException)
            {
                return Fail(ex.Message, 1);
            }
        });
        return command;
    }

    private static int Fail(string message, int exitCode)
    {
        Console.Error.WriteLine($"lineage: error: {message}");
        return exitCode;
    }
}
