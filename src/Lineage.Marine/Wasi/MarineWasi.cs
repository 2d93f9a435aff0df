// SPDX-License-Identifier: Apache-2.0

using Lineage.Marine.Config;
using Lineage.Wasm.Model;
using Lineage.Wasm.Runtime;
using Lineage.Wasm.Wasi;

namespace Lineage.Marine.Wasi;

/// <summary>
/// Marine's policy over the runtime's WASI (<see cref="WasiContext"/>): args = the module name; env = the config's
/// envs; preopens ONLY from the config's mapped dirs (created if missing; no ambient file system); stdout and
/// stderr go to the host log line by line; stdin is empty; no sockets.
/// </summary>
internal sealed class MarineWasi : IDisposable
{
    public const string Namespace = WasiContext.Namespace;

    private readonly WasiContext _context;
    private readonly Func<WasmMemory> _memory;
    private readonly LogLineStream _stdout;
    private readonly LogLineStream _stderr;

    /// <summary>Creates the WASI view of one module; <paramref name="output"/> receives complete stdout (1) / stderr (2) lines.</summary>
    public MarineWasi(string moduleName, MarineModuleConfig config, Func<WasmMemory> memory, Action<int, string> output)
    {
        ArgumentNullException.ThrowIfNull(config);
        _memory = memory;
        _stdout = new LogLineStream(line => output(1, line));
        _stderr = new LogLineStream(line => output(2, line));
        var preopens = new List<WasiPreopen>();
        foreach ((string guest, string host) in config.Wasi.MappedDirs)
        {
            Directory.CreateDirectory(host);
            preopens.Add(new WasiPreopen(guest, host));
        }

        _context = new WasiContext(new WasiOptions
        {
            Arguments = [moduleName],
            Environment = [.. config.Wasi.Envs],
            Preopens = preopens,
            Stdout = _stdout,
            Stderr = _stderr,
        });
    }

    /// <summary>Defines every <c>wasi_snapshot_preview1</c> function <paramref name="module"/> imports.</summary>
    public void Define(WasmImports imports, WasmModule module) => _context.Define(imports, module, _memory);

    /// <summary>Flushes partial output lines and closes open files.</summary>
    public void Dispose()
    {
        _context.Dispose();
        _stdout.Dispose();
        _stderr.Dispose();
    }
}
