// SPDX-License-Identifier: Apache-2.0

namespace Lineage.Wasm.Model;

/// <summary>How an element or data segment is used.</summary>
public enum SegmentMode : byte
{
    /// <summary>Copied into a table or memory at instantiation, then dropped.</summary>
    Active,

    /// <summary>Available to <c>table.init</c> / <c>memory.init</c>.</summary>
    Passive,

    /// <summary>Element segments only: declares functions for <c>ref.func</c>; dropped at instantiation.</summary>
    Declarative,
}
