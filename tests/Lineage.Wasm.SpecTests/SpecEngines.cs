// SPDX-License-Identifier: Apache-2.0

using Lineage.Wasm.SpecTests.Harness;

namespace Lineage.Wasm.SpecTests;

/// <summary>The engine the spec suite runs against.</summary>
internal static class SpecEngines
{
    public static string Description => "Lineage.Wasm decoder + validator + IL runtime";

    public static ISpecEngine Create() => new RuntimeEngine();
}
