// SPDX-License-Identifier: Apache-2.0

namespace Lineage.Wasm.Model;

/// <summary>The kind of an import or export; the numeric value is its byte in the binary format.</summary>
public enum ExternalKind : byte
{
    /// <summary>A function.</summary>
    Function = 0,

    /// <summary>A table.</summary>
    Table = 1,

    /// <summary>A linear memory.</summary>
    Memory = 2,

    /// <summary>A global.</summary>
    Global = 3,
}
