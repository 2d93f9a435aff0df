// SPDX-License-Identifier: Apache-2.0

using System.Diagnostics;
using System.Globalization;
using Lineage.Wasm.Model;
using Lineage.Wasm.Runtime;

namespace Lineage.Wasm.Benchmarks;

/// <summary>
/// Times the exported kernels of benchmarks/wasm/kernels.c on Lineage.Wasm. Prints one line per kernel:
/// <c>name ms checksum cpu-ms</c>, the best wall time and the best process CPU time of RUNS calls, so benchmarks/wasm/run.sh can set it beside V8's figure.
/// Usage: <c>Lineage.Wasm.Benchmarks kernels.wasm RUNS name=scale [name=scale …]</c>, or
/// <c>Lineage.Wasm.Benchmarks avm avm.wasm ITERATIONS</c> for AquaVM's ast() (see <see cref="AvmAst"/>).
/// </summary>
internal static class Program
{
    private static readonly string[] s_kernelNames =
        ["fib", "sieve", "matmul", "nbody", "sha256", "qsort", "trees", "memops", "mandel"];

    public static int Main(string[] args)
    {
        if (args.Length == 3 && args[0] == "avm")
        {
            return AvmAst.Run(args[1], int.Parse(args[2], CultureInfo.InvariantCulture));
        }

        if (args.Length < 3)
        {
            Console.Error.WriteLine("usage: Lineage.Wasm.Benchmarks FILE.wasm RUNS name=scale [name=scale ...]");
            return 2;
        }

        int runs = int.Parse(args[1], CultureInfo.InvariantCulture);
        using var process = Process.GetCurrentProcess();
        using var store = new WasmStore(new WasmStoreOptions());
        WasmModule module = WasmModule.Decode(File.ReadAllBytes(args[0]));
        WasmInstance instance = store.Instantiate(module);
        instance.GetFunction("_initialize").Invoke();
        WasmFunction bench = instance.GetFunction("bench");

        foreach (string spec in args.Skip(2))
        {
            string[] parts = spec.Split('=');
            int index = Array.IndexOf(s_kernelNames, parts[0]);
            int scale = int.Parse(parts[1], CultureInfo.InvariantCulture);
            double best = double.MaxValue;
            double bestCpu = double.MaxValue;
            long checksum = 0;
            for (int run = 0; run < runs; run++)
            {
                process.Refresh();
                TimeSpan cpu = process.TotalProcessorTime;
                long start = Stopwatch.GetTimestamp();
                checksum = bench.Call<int, int, long>(index, scale);
                best = Math.Min(best, Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                process.Refresh();
                bestCpu = Math.Min(bestCpu, (process.TotalProcessorTime - cpu).TotalMilliseconds);
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{parts[0]} {best:F1} {(ulong)checksum} {bestCpu:F1}"));
        }

        return 0;
    }
}
