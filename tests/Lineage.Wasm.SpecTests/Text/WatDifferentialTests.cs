// SPDX-License-Identifier: Apache-2.0

using System.Globalization;
using System.Text;
using System.Text.Json;
using Lineage.TestKit;
using Lineage.Wasm.Text;
using Xunit.Abstractions;

namespace Lineage.Wasm.SpecTests.Text;

/// <summary>
/// Differential test of <see cref="WatParser"/> against wabt's wast2json: every module of the spec scripts that
/// wast2json converted to a <c>.wasm</c> (text and <c>binary</c> modules; <c>quote</c> modules are the malformed
/// cases run by the spec harness) is cut out of the <c>.wast</c> and parsed by us, and our bytes are compared with
/// wast2json's.
/// </summary>
public sealed class WatDifferentialTests(ITestOutputHelper output)
{
    [Fact]
    public void Every_converted_module_parses_to_the_same_binary_as_wast2json()
    {
        var report = new StringBuilder();
        int identical = 0, equivalent = 0, different = 0, failed = 0, binaryModules = 0;
        foreach (var name in SpecSuite.Names)
        {
            var script = File.ReadAllText(Path.Combine(SpecSuite.SourceFolder, name + ".wast"));
            var folder = Path.Combine(SpecSuite.ConvertedFolder, name);
            using var json = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(folder, name + ".json")));
            foreach (var command in json.RootElement.GetProperty("commands").EnumerateArray())
            {
                if (!command.TryGetProperty("filename", out var file) || !file.GetString()!.EndsWith(".wasm", StringComparison.Ordinal))
                {
                    continue;
                }

                var line = command.GetProperty("line").GetInt32();
                var text = WastModuleExtractor.ModuleAt(script, line);
                var expected = File.ReadAllBytes(Path.Combine(folder, file.GetString()!));
                var where = string.Create(CultureInfo.InvariantCulture, $"{name}.wast:{line}");
                if (text is null)
                {
                    failed++;
                    report.AppendLine(CultureInfo.InvariantCulture, $"{where}: module text not found");
                    continue;
                }

                if (IsBinaryModule(text))
                {
                    binaryModules++;
                }

                byte[] actual;
                try
                {
                    actual = WatParser.ParseModule(text);
                }
#pragma warning disable CA1031 // a parser crash is reported with the module, like a parse error
                catch (Exception e)
#pragma warning restore CA1031
                {
                    failed++;
                    report.AppendLine(CultureInfo.InvariantCulture, $"{where}: {e.Message}");
                    continue;
                }

                if (actual.AsSpan().SequenceEqual(expected))
                {
                    identical++;
                }
                else if (WasmBinaryComparer.Difference(actual, expected) is null)
                {
                    equivalent++;
                    report.AppendLine(CultureInfo.InvariantCulture, $"{where}: equivalent, not byte-identical: {Convert.ToHexString(actual)} vs {Convert.ToHexString(expected)}");
                }
                else
                {
                    different++;
                    report.AppendLine(CultureInfo.InvariantCulture, $"{where}: {WasmBinaryComparer.Difference(actual, expected)}: {Convert.ToHexString(actual)} vs {Convert.ToHexString(expected)}");
                }
            }
        }

        var total = identical + equivalent + different + failed;
        var summary = string.Create(CultureInfo.InvariantCulture,
            $"modules: {total} ({binaryModules} binary); byte-identical {identical}; equivalent after decoding {equivalent}; different {different}; parse failures {failed}; byte-identical {100.0 * identical / total:F3} %, equal {100.0 * (identical + equivalent) / total:F3} %");
        output.WriteLine(summary);
        output.WriteLine(report.ToString());
        var folderOut = RepositoryPaths.InRepository("artifacts", "test-results");
        Directory.CreateDirectory(folderOut);
        File.WriteAllText(Path.Combine(folderOut, "wat-differential.txt"), summary + Environment.NewLine + report);
        failed.Should().Be(0, summary);
        different.Should().Be(0, summary);
    }

    private static bool IsBinaryModule(string text)
    {
        var afterKeyword = text.AsSpan(text.IndexOf("module", StringComparison.Ordinal) + 6).TrimStart();
        if (afterKeyword.Length > 0 && afterKeyword[0] == '$')
        {
            var space = afterKeyword.IndexOfAny(" \t\r\n");
            afterKeyword = space < 0 ? default : afterKeyword[space..].TrimStart();
        }

        return afterKeyword.StartsWith("binary", StringComparison.Ordinal);
    }
}
