// SPDX-License-Identifier: Apache-2.0

using System.IO.Pipelines;

namespace Lineage.P2p.Tests.Infrastructure;

/// <summary>In-memory duplex pipes for protocol tests, with writers that fragment what they send.</summary>
public static class TestPipes
{
    /// <summary>Two connected duplex ends: what A writes, B reads, and the other way round.</summary>
    public static (IDuplexPipe A, IDuplexPipe B) CreatePair()
    {
        var aToB = new Pipe(new PipeOptions(pauseWriterThreshold: 0, useSynchronizationContext: false));
        var bToA = new Pipe(new PipeOptions(pauseWriterThreshold: 0, useSynchronizationContext: false));
        return (new DuplexPipe(bToA.Reader, aToB.Writer), new DuplexPipe(aToB.Reader, bToA.Writer));
    }

    /// <summary>Writes <paramref name="bytes"/> in chunks of at most <paramref name="chunk"/> bytes, flushing each.</summary>
    public static async Task WriteFragmentedAsync(PipeWriter writer, byte[] bytes, int chunk)
    {
        for (int offset = 0; offset < bytes.Length; offset += chunk)
        {
            await writer.WriteAsync(bytes.AsMemory(offset, Math.Min(chunk, bytes.Length - offset)));
            await Task.Yield();
        }
    }

    private sealed class DuplexPipe(PipeReader input, PipeWriter output) : IDuplexPipe
    {
        public PipeReader Input { get; } = input;

        public PipeWriter Output { get; } = output;
    }
}
