// SPDX-License-Identifier: Apache-2.0

using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Lineage.Wasm.Model;
using Lineage.Wasm.Runtime;
using Lineage.Wasm.Wasi;

namespace Lineage.Wasm.Benchmarks;

/// <summary>
/// AquaVM's <c>ast()</c> through the raw Marine ABI (allocate, write, call, read the result registers,
/// release_objects) on the AIR of wasm-runtime.md §11.6, as benchmarks/wasm/avm-v8.mjs does on V8. Prints
/// <c>key value</c> lines: cold start (process start → first result, wall and process CPU; load → first result
/// alone), then warm ms per ast (wall and process CPU), and the SHA-256 of the output for the equality check.
/// </summary>
internal static class AvmAst
{
    public static int Run(string file, int iterations)
    {
        using var process = Process.GetCurrentProcess();
        long loadStarted = Stopwatch.GetTimestamp();
        TimeSpan cpuAtLoad = process.TotalProcessorTime;

        using var store = new WasmStore();
        using var wasi = new WasiContext(new WasiOptions());
        WasmModule module = WasmModule.Decode(File.ReadAllBytes(file));
        var imports = new WasmImports().DefineFunction("__marine_host_api_v3", "log_utf8_string", (int level, int target, int message, int length) => { });
        WasmInstance instance = wasi.Instantiate(store, module, imports);
        instance.GetFunction("_initialize").Invoke();
        var session = new Session(instance);
        string air = Air();
        string first = session.Ast(air);

        process.Refresh();
        double coldCpu = process.TotalProcessorTime.TotalMilliseconds;
        double coldWall = (DateTime.Now - process.StartTime).TotalMilliseconds;
        double loadWall = Stopwatch.GetElapsedTime(loadStarted).TotalMilliseconds;
        double loadCpu = (process.TotalProcessorTime - cpuAtLoad).TotalMilliseconds;

        // Warm: the same call repeated; tiering and OSR settle during the first rounds, so report the best round.
        double bestWall = double.MaxValue, bestCpu = double.MaxValue;
        for (int round = 0; round < 5; round++)
        {
            process.Refresh();
            TimeSpan cpu = process.TotalProcessorTime;
            long started = Stopwatch.GetTimestamp();
            for (int i = 0; i < iterations; i++)
            {
                _ = session.Ast(air);
            }

            double wall = Stopwatch.GetElapsedTime(started).TotalMilliseconds / iterations;
            process.Refresh();
            double cpuPerCall = (process.TotalProcessorTime - cpu).TotalMilliseconds / iterations;
            bestWall = Math.Min(bestWall, wall);
            bestCpu = Math.Min(bestCpu, cpuPerCall);
        }

        Print("cold_wall_ms", coldWall);
        Print("cold_cpu_ms", coldCpu);
        Print("load_wall_ms", loadWall);
        Print("load_cpu_ms", loadCpu);
        Print("warm_wall_ms", bestWall);
        Print("warm_cpu_ms", bestCpu);
        Console.WriteLine("output_sha256 " + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(first))));
        return 0;
    }

    /// <summary>The 60-level AIR of wasm-runtime.md §11.6 (7,815 characters).</summary>
    private static string Air()
    {
        string air = "(call %init_peer_id% (\"getDataSrv\" \"-relay-\") [] relay)";
        for (int i = 0; i < 60; i++)
        {
            air = string.Create(CultureInfo.InvariantCulture,
                $"(seq {air} (par (xor (call relay (\"srv{i}\" \"fn\") [relay \"x{i}\"] r{i}) (null)) (fold r{i} it (seq (call it (\"op\" \"noop\") [it]) (next it)))))");
        }

        return air;
    }

    private static void Print(string key, double value) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{key} {value:F3}"));

    /// <summary>The Marine ABI calls of one ast(); runs them in one store entry.</summary>
    private sealed class Session(WasmInstance instance)
    {
        private readonly WasmMemory _memory = instance.GetMemory("memory");
        private readonly WasmFunction _allocate = instance.GetFunction("allocate");
        private readonly WasmFunction _ast = instance.GetFunction("ast");
        private readonly WasmFunction _resultPointer = instance.GetFunction("get_result_ptr");
        private readonly WasmFunction _resultSize = instance.GetFunction("get_result_size");
        private readonly WasmFunction _release = instance.GetFunction("release_objects");

        public string Ast(string air) => instance.Store.Run(() =>
        {
            byte[] bytes = Encoding.UTF8.GetBytes(air);
            int pointer = _allocate.Call<int, int, int>(bytes.Length, 0);
            bytes.CopyTo(_memory.GetSpan((uint)pointer, bytes.Length));
            _ast.CallVoid(pointer, bytes.Length);
            int resultPointer = _resultPointer.Call<int>();
            int resultSize = _resultSize.Call<int>();
            string result = Encoding.UTF8.GetString(_memory.GetSpan((uint)resultPointer, resultSize));
            _release.CallVoid();
            return result;
        });
    }
}
