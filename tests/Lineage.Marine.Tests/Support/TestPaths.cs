// SPDX-License-Identifier: Apache-2.0

using Lineage.TestKit;

namespace Lineage.Marine.Tests.Support;

internal static class TestPaths
{
    /// <summary>Compiled demo AIR scripts (see AquaVm/Scripts/README.md).</summary>
    public static string AirScripts => RepositoryPaths.InRepository("tests", "Lineage.Marine.Tests", "AquaVm", "Scripts");
}
