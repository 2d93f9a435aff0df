// SPDX-License-Identifier: Apache-2.0

using Lineage.TestKit;

namespace Lineage.Marine.Tests.Support;

/// <summary>
/// The marine-js reference harness (tests/harness/marine-js, installed by scripts/setup.sh): the official
/// avm.wasm 0.62.0 and marine-js 0.13.0 from npm, and the node scripts that drive them.
/// </summary>
internal static class MarineHarness
{
    public static string Folder => RepositoryPaths.Harness("marine-js");

    public static string AvmWasmPath => Path.Combine(Folder, "node_modules", "@fluencelabs", "avm", "dist", "avm.wasm");

    public static byte[] AvmWasm()
    {
        if (!File.Exists(AvmWasmPath))
        {
            throw new InvalidOperationException(
                $"avm.wasm not found at {AvmWasmPath}: run scripts/setup.sh (npm ci in tests/harness/marine-js)");
        }

        return File.ReadAllBytes(AvmWasmPath);
    }
}
