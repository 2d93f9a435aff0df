// SPDX-License-Identifier: Apache-2.0

using System.Diagnostics;
using System.Globalization;
using Lineage.Wasm.Text;

// Parses a .wat repeatedly with WatParser and prints the first (cold) and best (warm) times in ms of process CPU
// time as "parse <cold> <warm>"; with a reference .wasm, also "identical true|false" (our bytes vs wat2wasm's).
if (args.Length < 1)
{
    Console.Error.WriteLine("usage: WasmTextBenchmark FILE.wat [ITERATIONS] [REFERENCE.wasm]");
    return 2;
}

var text = File.ReadAllBytes(args[0]);
var iterations = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5;
double cold = 0, best = double.MaxValue;
byte[] wasm = [];
for (var i = 0; i < iterations; i++)
{
    var start = CpuMilliseconds();
    wasm = WatParser.ParseModule(text);
    var elapsed = CpuMilliseconds() - start;
    cold = i == 0 ? elapsed : cold;
    best = Math.Min(best, elapsed);
}

Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"parse {cold:F1} {best:F1}"));
if (args.Length > 2)
{
    Console.WriteLine($"identical {wasm.AsSpan().SequenceEqual(File.ReadAllBytes(args[2])).ToString().ToLowerInvariant()}");
}

return 0;

static double CpuMilliseconds() => Process.GetCurrentProcess().TotalProcessorTime.TotalMilliseconds;
