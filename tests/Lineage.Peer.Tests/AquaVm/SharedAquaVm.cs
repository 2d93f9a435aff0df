// SPDX-License-Identifier: Apache-2.0

namespace Lineage.Peer.Tests.AquaVm;

/// <summary>Tests that run particles on the shared in-process AquaVM; xunit runs them one class at a time.</summary>
[CollectionDefinition(Name)]
public sealed class SharedAquaVm : ICollectionFixture<AquaVmFixture>
{
    public const string Name = "aquavm";
}
