// SPDX-License-Identifier: Apache-2.0

using System.Diagnostics;
using Lineage.TestKit;
using Lineage.Wasm.Model;
using Lineage.Wasm.Validation;
using Xunit.Abstractions;

namespace Lineage.Wasm.SpecTests.Validation;

/// <summary>The official AquaVM (avm.wasm 0.62.0 from npm, installed by setup into a harness folder) decodes and validates.</summary>
public sealed class AvmModuleTests(ITestOutputHelper output)
{
    internal static string AvmPath
    {
        get
        {
            foreach (var harness in new[] { "marine-js", "fluence-js" })
            {
                var path = Path.Combine(RepositoryPaths.Harness(harness), "node_modules", "@fluencelabs", "avm", "dist", "avm.wasm");
                if (File.Exists(path))
                {
                    return path;
                }
            }

            throw new InvalidOperationException("avm.wasm not found: run scripts/setup.sh (npm ci in tests/harness/marine-js)");
        }
    }

    [Fact]
    public void Avm_wasm_decodes_and_validates()
    {
        var bytes = File.ReadAllBytes(AvmPath);
        var watch = Stopwatch.StartNew();
        var module = WasmModule.Decode(bytes);
        var decoded = watch.Elapsed;
        Validator.Validate(module);
        output.WriteLine($"avm.wasm {bytes.Length:N0} bytes: decode {decoded.TotalMilliseconds:F1} ms, validate {(watch.Elapsed - decoded).TotalMilliseconds:F1} ms (first run, includes JIT)");

        module.Code.Length.Should().Be(6292);
        module.Imports.Should().HaveCount(8);
        module.Exports.Select(e => e.Name).Should().Contain(["memory", "invoke", "ast", "allocate"]);
        module.Memories.Should().ContainSingle().Which.Limits.Minimum.Should().Be(161);
        module.Tables.Should().ContainSingle().Which.Limits.Minimum.Should().Be(2770);
        module.CustomSections.Select(c => c.Name).Should().Contain("name");
    }
}
