// SPDX-License-Identifier: Apache-2.0

namespace Lineage.Wasm.Model;

/// <summary>Size limits of a table (elements) or memory (64 KiB pages).</summary>
/// <param name="Minimum">The initial size.</param>
/// <param name="Maximum">The optional maximum size.</param>
public readonly record struct Limits(uint Minimum, uint? Maximum);
