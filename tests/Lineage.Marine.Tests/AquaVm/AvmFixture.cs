// SPDX-License-Identifier: Apache-2.0

using Lineage.Marine.Tests.Support;
using AquaVmHost = Lineage.Marine.AquaVm.AquaVm;

namespace Lineage.Marine.Tests.AquaVm;

/// <summary>One avm.wasm on our host and one reference (marine-js under node) shared by a test class.</summary>
public sealed class AvmFixture : IDisposable
{
    private readonly Lazy<ReferenceAvm> _reference = new(() => new ReferenceAvm());

    internal AquaVmHost Ours { get; } = AquaVmHost.Load(MarineHarness.AvmWasm());

    internal ReferenceAvm Reference => _reference.Value;

    public void Dispose()
    {
        Ours.Dispose();
        if (_reference.IsValueCreated)
        {
            _reference.Value.Dispose();
        }
    }
}
