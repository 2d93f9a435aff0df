// SPDX-License-Identifier: Apache-2.0

using System.Diagnostics;
using System.Globalization;
using Lineage.Wasm.Model;
using Lineage.Wasm.Validation;

// Decodes and validates a module repeatedly and prints the first (cold) and the best (warm) times in ms of process
// CPU time (robust on a shared machine), as "decode <cold> <warm>" and "validate <cold> <warm>" lines for run.sh.
if (args.Length < 1)
{
    Console.Error.WriteLine("usage: WasmValidateBenchmark FILE.wasm [ITERATIONS]");
    return 2;
}

var bytes = File.ReadAllBytes(args[0]);
var iterations = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 20;
double coldDecode = 0, coldValidate = 0, bestDecode = double.MaxValue, bestValidate = double.MaxValue;
for (var i = 0; i < iterations; i++)
{
    var start = CpuMilliseconds();
    var module = WasmModule.Decode(bytes);
    var decoded = CpuMilliseconds();
    Validator.Validate(module);
    var validated = CpuMilliseconds();
    var decode = decoded - start;
    var validate = validated - decoded;
    if (i == 0)
    {
        coldDecode = decode;
        coldValidate = validate;
    }

    bestDecode = Math.Min(bestDecode, decode);
    bestValidate = Math.Min(bestValidate, validate);
}

Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"decode {coldDecode:F1} {bestDecode:F1}"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"validate {coldValidate:F1} {bestValidate:F1}"));
return 0;

static double CpuMilliseconds() => Process.GetCurrentProcess().TotalProcessorTime.TotalMilliseconds;
