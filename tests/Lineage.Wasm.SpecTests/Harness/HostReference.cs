// SPDX-License-Identifier: Apache-2.0

namespace Lineage.Wasm.SpecTests.Harness;

/// <summary>The host object behind <c>ref.extern N</c> in the spec scripts; equal when the numbers are equal.</summary>
public sealed record HostReference(ulong Id)
{
    /// <inheritdoc/>
    public override string ToString() => $"ref.extern {Id}";
}
