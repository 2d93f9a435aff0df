// SPDX-License-Identifier: Apache-2.0

using System.Diagnostics;
using System.Globalization;
using System.IO.Pipelines;
using System.Text;
using System.Text.Json;
using Lineage.P2p.Hosting;
using Lineage.P2p.Multiaddresses;

// C# -> C# figures for benchmarks/p2p/run.sh: two hosts in one process over loopback TCP + Noise + yamux.
// Prints one JSON line: throughput of one stream, handshake time (dial to first negotiated stream) and
// CPU seconds per GiB (both ends, this process).
const string Sink = "/lineage/perf-sink/1.0.0";
long bytes = args.Length > 0 ? long.Parse(args[0], CultureInfo.InvariantCulture) : 256L * 1024 * 1024;
int handshakes = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 20;
const int Chunk = 64 * 1024;

await using var server = new Libp2pHost(new HostOptions { ListenAddresses = [Multiaddr.Parse("/ip4/127.0.0.1/tcp/0")] });
server.SetHandler(Sink, async (stream, ct) =>
{
    long n = 0;
    PipeReader input = stream.Input;
    while (true)
    {
        ReadResult result = await input.ReadAsync(ct);
        n += result.Buffer.Length;
        input.AdvanceTo(result.Buffer.End);
        if (result.IsCompleted)
        {
            break;
        }
    }

    await stream.Stream.WriteAsync(Encoding.ASCII.GetBytes(n.ToString(CultureInfo.InvariantCulture)), ct);
    await stream.CloseWriteAsync(ct);
});
await server.StartAsync(CancellationToken.None);
Multiaddr address = server.ListenAddresses[0].WithPeerId(server.PeerId);

var handshakeMs = new List<double>();
for (int i = 0; i < handshakes + 2; i++)
{
    await using var dialer = new Libp2pHost(new HostOptions { EnableIdentify = false });
    await dialer.StartAsync(CancellationToken.None);
    long t0 = Stopwatch.GetTimestamp();
    Connection c = await dialer.DialAsync(address, CancellationToken.None);
    P2pStream s = await c.OpenStreamAsync(Sink, CancellationToken.None);
    if (i >= 2)
    {
        handshakeMs.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds); // the first two warm the JIT
    }

    await s.CloseWriteAsync();
    await s.DisposeAsync();
}

await using var client = new Libp2pHost(new HostOptions());
await client.StartAsync(CancellationToken.None);
Connection connection = await client.DialAsync(address, CancellationToken.None);

// Warm-up transfer (JIT, window growth), then the measured one on a new stream.
await TransferAsync(connection, 16L * 1024 * 1024);
TimeSpan cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
long start = Stopwatch.GetTimestamp();
await TransferAsync(connection, bytes);
double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
TimeSpan cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu0;
handshakeMs.Sort();
Console.WriteLine(JsonSerializer.Serialize(new
{
    impl = "Lineage.P2p (.NET " + Environment.Version + ")",
    bytes,
    seconds,
    mibPerSecond = bytes / 1048576.0 / seconds,
    handshakeMedianMs = handshakeMs[handshakeMs.Count / 2],
    cpuSecondsPerGiB = cpu.TotalSeconds / (bytes / 1073741824.0),
}));

static async Task TransferAsync(Connection connection, long bytes)
{
    P2pStream stream = await connection.OpenStreamAsync(Sink, CancellationToken.None);
    byte[] payload = new byte[Chunk];
    Array.Fill(payload, (byte)7);
    for (long sent = 0; sent < bytes; sent += Chunk)
    {
        await stream.Stream.WriteAsync(payload);
    }

    await stream.CloseWriteAsync();
    using var reader = new StreamReader(stream.Stream, Encoding.ASCII);
    string ack = await reader.ReadToEndAsync();
    if (long.Parse(ack, CultureInfo.InvariantCulture) != bytes)
    {
        throw new InvalidOperationException($"sink counted {ack}, expected {bytes}");
    }

    await stream.DisposeAsync();
}
