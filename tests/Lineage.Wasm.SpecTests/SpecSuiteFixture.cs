// SPDX-License-Identifier: Apache-2.0

using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Lineage.TestKit;
using Lineage.Wasm.SpecTests.Harness;

namespace Lineage.Wasm.SpecTests;

/// <summary>Runs each spec file at most once per test run and renders the per-file table.</summary>
public sealed class SpecSuiteFixture
{
    private readonly ConcurrentDictionary<string, Lazy<SpecFileResult>> _results = new(StringComparer.Ordinal);
    private readonly SpecScriptRunner _runner = new(SpecEngines.Create);

    public SpecFileResult Get(string name) =>
        _results.GetOrAdd(name, n => new Lazy<SpecFileResult>(() => _runner.Run(Path.Combine(SpecSuite.ConvertedFolder, n), n))).Value;

    public IReadOnlyList<SpecFileResult> RunAll()
    {
        var names = SpecSuite.Names;
        Parallel.ForEach(names, new ParallelOptions { MaxDegreeOfParallelism = 2 }, name => Get(name));
        return [.. names.Select(Get)];
    }

    public static string RenderTable(IReadOnlyList<SpecFileResult> results)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"WebAssembly 2.0 spec testsuite — engine: {SpecEngines.Description}");
        text.AppendLine(CultureInfo.InvariantCulture, $"{"file",-34} {"status",-6} {"passed",8} {"failed",8} {"text",6} {"msg-diff",9} {"not-run",8}");
        foreach (var r in results)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{r.Name,-34} {(r.Failed == 0 ? "PASS" : "FAIL"),-6} {r.Passed,8} {r.Failed,8} {r.TextModules,6} {r.MessageMismatches,9} {r.NotExecuted,8}");
        }

        var passed = results.Sum(r => r.Passed);
        var failed = results.Sum(r => r.Failed);
        var textModules = results.Sum(r => r.TextModules);
        var mismatches = results.Sum(r => r.MessageMismatches);
        var filesPassing = results.Count(r => r.Failed == 0);
        text.AppendLine(CultureInfo.InvariantCulture, $"files: {filesPassing}/{results.Count} pass");
        text.AppendLine(CultureInfo.InvariantCulture, $"commands executed: {passed + failed}; passed {passed}; failed {failed}; pass rate {Rate(passed, failed):F3} %");
        text.AppendLine(CultureInfo.InvariantCulture, $"of which text-format assert_malformed/assert_invalid modules (.wat, parsed by WatParser): {textModules}");
        text.AppendLine(CultureInfo.InvariantCulture, $"rejections in the right phase with a different reason text: {mismatches}");
        foreach (var r in results.Where(r => r.Failures.Count > 0))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"--- {r.Name}: first failures");
            foreach (var failure in r.Failures.Take(10))
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"    {failure}");
            }
        }

        foreach (var r in results.Where(r => r.Mismatches.Count > 0))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"--- {r.Name}: reason texts that differ");
            foreach (var mismatch in r.Mismatches.Take(10))
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"    {mismatch}");
            }
        }

        return text.ToString();
    }

    public static double Rate(int passed, int failed) => passed + failed == 0 ? 0 : 100.0 * passed / (passed + failed);

    public static void WriteSummary(string table)
    {
        var folder = RepositoryPaths.InRepository("artifacts", "test-results");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "wasm-spec-summary.txt"), table);
    }
}
