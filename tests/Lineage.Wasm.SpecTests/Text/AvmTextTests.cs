// SPDX-License-Identifier: Apache-2.0

using System.Diagnostics;
using Lineage.Wasm.SpecTests.Validation;
using Lineage.Wasm.Text;
using Xunit.Abstractions;

namespace Lineage.Wasm.SpecTests.Text;

/// <summary>
/// A large real module through the text format: the official avm.wasm is printed as text by wabt's wasm2wat
/// (67 MB, 6,292 functions, flat instructions, $names everywhere) and parsed by <see cref="WatParser"/>; the result
/// must be byte-identical to wabt's wat2wasm output for the same text.
/// </summary>
public sealed class AvmTextTests(ITestOutputHelper output)
{
    [Fact]
    public void Avm_as_text_parses_to_the_same_binary_as_wat2wasm()
    {
        var folder = Directory.CreateTempSubdirectory("lineage-avm-wat-");
        try
        {
            var wat = Path.Combine(folder.FullName, "avm.wat");
            var reference = Path.Combine(folder.FullName, "avm.wasm");
            Run("wasm2wat", AvmModuleTests.AvmPath, "-o", wat);
            Run("wat2wasm", wat, "-o", reference);
            var text = File.ReadAllBytes(wat);
            var watch = Stopwatch.StartNew();
            var ours = WatParser.ParseModule(text);
            output.WriteLine($"avm.wat {text.Length:N0} bytes parsed in {watch.Elapsed.TotalMilliseconds:F0} ms (first run, includes JIT) into {ours.Length:N0} bytes");
            ours.AsSpan().SequenceEqual(File.ReadAllBytes(reference)).Should().BeTrue("our encoding of avm.wat equals wat2wasm's");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static void Run(string tool, params string[] arguments)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {tool} (wabt, scripts/setup.d/00-apt.sh)");
        var errors = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(120_000))
        {
            process.Kill();
            throw new TimeoutException($"{tool} did not finish");
        }

        process.ExitCode.Should().Be(0, $"{tool} failed: {errors.Result}");
    }
}
