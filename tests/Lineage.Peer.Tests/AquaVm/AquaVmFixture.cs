// SPDX-License-Identifier: Apache-2.0

using Lineage.Marine.AquaVm;
using Lineage.Peer.AquaVm;
using Lineage.TestKit;

namespace Lineage.Peer.Tests.AquaVm;

/// <summary>
/// One in-process AquaVM pool (the official avm.wasm 0.62.0 from the npm package @fluencelabs/avm, on our Wasm
/// runtime) shared by every test of the <see cref="SharedAquaVm"/>: loading avm.wasm compiles a 6 MB module,
/// so it happens once per test run.
/// </summary>
public sealed class AquaVmFixture : IDisposable
{
    public AquaVmFixture()
    {
        AquaVm = InProcessAquaVm.Load(AvmWasmPath, new AquaVmOptions { PoolSize = 2 });
    }

    /// <summary>avm.wasm as installed by scripts/setup.sh (npm ci in tests/harness/fluence-js).</summary>
    public static string AvmWasmPath =>
        Path.Combine(RepositoryPaths.Harness("fluence-js"), "node_modules", "@fluencelabs", "avm", "dist", "avm.wasm");

    public InProcessAquaVm AquaVm { get; }

    public void Dispose() => AquaVm.Dispose();
}
