// SPDX-License-Identifier: Apache-2.0

using System.Diagnostics;
using System.Globalization;
using Lineage.Wasm.Model;
using Lineage.Wasm.Validation;

// Decodes and validates a module repeatedly and prints the first (cold) and the best (warm) times in ms, as
// "decode <cold> <warm>" and "validate <cold> <warm>" lines for run.sh.
if (args.Length < 1)
{
    Console.Error.WriteLine("usage: WasmValidateBenchmark FILE.wasm [ITERATIONS]");
    return 2;
}

var bytes = File.ReadAllBytes(args[0]);
if (Environment.GetEnvironmentVariable("PROBE") == "1")
{
    var w0 = Stopwatch.StartNew();
    Lineage.Wasm.Instructions.OpcodeTable.Get(Lineage.Wasm.Instructions.Opcode.Nop);
    Console.WriteLine($"opcode table {w0.Elapsed.TotalMilliseconds:F1}");
    w0.Restart();
    WasmModule.Decode(new byte[] { 0, 0x61, 0x73, 0x6D, 1, 0, 0, 0 });
    Console.WriteLine($"empty decode {w0.Elapsed.TotalMilliseconds:F1}");
    var m = WasmModule.Decode(bytes);
    for (var r = 0; r < 5; r++)
    {
        w0.Restart();
        var n = 0;
        foreach (var body in m.Code)
        {
            var decoder = new Lineage.Wasm.Instructions.InstructionDecoder(m.GetCode(body).Span, body.CodeOffset);
            while (!decoder.IsAtEnd)
            {
                decoder.Read(out _);
                n++;
            }
        }

        Console.WriteLine($"instruction decode only: {n} instructions {w0.Elapsed.TotalMilliseconds:F1} ms");
    }
}
var iterations = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 20;
double coldDecode = 0, coldValidate = 0, bestDecode = double.MaxValue, bestValidate = double.MaxValue;
for (var i = 0; i < iterations; i++)
{
    var watch = Stopwatch.StartNew();
    var module = WasmModule.Decode(bytes);
    var decode = watch.Elapsed.TotalMilliseconds;
    watch.Restart();
    Validator.Validate(module);
    var validate = watch.Elapsed.TotalMilliseconds;
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
