// SPDX-License-Identifier: Apache-2.0

namespace Lineage.Wasm.Model;

/// <summary>An export: a unique name bound to an index in one of the module's index spaces.</summary>
/// <param name="Name">The export name (unique within the module).</param>
/// <param name="Kind">The index space.</param>
/// <param name="Index">The index in that space (imports first, then definitions).</param>
public sealed record Export(string Name, ExternalKind Kind, uint Index);
