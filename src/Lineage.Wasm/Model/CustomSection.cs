// SPDX-License-Identifier: Apache-2.0

namespace Lineage.Wasm.Model;

/// <summary>A custom section (name section, producers, target_features, Marine's generated sections, ...).</summary>
/// <param name="Name">The section name.</param>
/// <param name="Data">The payload after the name (a slice of the module bytes).</param>
/// <param name="Offset">Byte offset of the payload in the module.</param>
public sealed record CustomSection(string Name, ReadOnlyMemory<byte> Data, int Offset);
