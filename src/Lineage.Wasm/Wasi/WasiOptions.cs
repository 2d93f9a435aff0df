// SPDX-License-Identifier: Apache-2.0

namespace Lineage.Wasm.Wasi;

/// <summary>What a module sees through WASI: its arguments, environment, standard streams and directories.</summary>
public sealed class WasiOptions
{
    /// <summary>Program arguments, <c>argv[0]</c> (the program name) first.</summary>
    public IReadOnlyList<string> Arguments { get; init; } = [];

    /// <summary>Environment variables, in the order <c>environ_get</c> reports them.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Environment { get; init; } = [];

    /// <summary>The directories the module may use; none means no file system at all.</summary>
    public IReadOnlyList<WasiPreopen> Preopens { get; init; } = [];

    /// <summary>Descriptor 0; null reads as an empty stream.</summary>
    public Stream? Stdin { get; init; }

    /// <summary>Descriptor 1; null discards what the module writes.</summary>
    public Stream? Stdout { get; init; }

    /// <summary>Descriptor 2; null discards what the module writes.</summary>
    public Stream? Stderr { get; init; }

    /// <summary>Cuts short waits in <c>poll_oneoff</c> (sleeps) when the host gives up on the module.</summary>
    public CancellationToken Cancellation { get; init; }
}
