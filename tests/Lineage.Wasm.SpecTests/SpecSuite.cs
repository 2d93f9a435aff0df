// SPDX-License-Identifier: Apache-2.0

using Lineage.TestKit;

namespace Lineage.Wasm.SpecTests;

/// <summary>Locations of the vendored spec tests and of their wast2json conversion (scripts/setup.d/20-wasm-spec.sh).</summary>
internal static class SpecSuite
{
    /// <summary>The vendored <c>.wast</c> files.</summary>
    public static string SourceFolder => RepositoryPaths.InRepository("tests", "Lineage.Wasm.SpecTests", "testsuite");

    /// <summary>The converted JSON + modules, one folder per <c>.wast</c>.</summary>
    public static string ConvertedFolder
    {
        get
        {
            var folder = RepositoryPaths.InRepository("artifacts", "wasm-spec");
            if (!File.Exists(Path.Combine(folder, ".stamp")))
            {
                throw new InvalidOperationException("spec tests not converted: run scripts/setup.d/20-wasm-spec.sh (needs wabt's wast2json)");
            }

            return folder;
        }
    }

    /// <summary>Names of all vendored <c>.wast</c> files (without extension), sorted.</summary>
    public static IReadOnlyList<string> Names =>
        [.. Directory.EnumerateFiles(SourceFolder, "*.wast").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal)!];
}
