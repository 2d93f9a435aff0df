// SPDX-License-Identifier: Apache-2.0

namespace Lineage.Wasm.Model;

/// <summary>A linear memory type: its limits in 64 KiB pages.</summary>
/// <param name="Limits">Size limits in pages.</param>
public readonly record struct MemoryType(Limits Limits)
{
    /// <summary>The largest page count a 32-bit memory may declare (4 GiB).</summary>
    public const uint MaximumPages = 65536;

    /// <summary>The size of one page in bytes.</summary>
    public const int PageSize = 65536;
}
