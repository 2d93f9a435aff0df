// SPDX-License-Identifier: Apache-2.0

namespace Lineage.Wasm.Binary;

/// <summary>Section ids of the binary format.</summary>
public enum SectionId : byte
{
    /// <summary>Custom section (may appear anywhere).</summary>
    Custom = 0,

    /// <summary>Function types.</summary>
    Type = 1,

    /// <summary>Imports.</summary>
    Import = 2,

    /// <summary>Type indices of defined functions.</summary>
    Function = 3,

    /// <summary>Tables.</summary>
    Table = 4,

    /// <summary>Memories.</summary>
    Memory = 5,

    /// <summary>Globals.</summary>
    Global = 6,

    /// <summary>Exports.</summary>
    Export = 7,

    /// <summary>Start function.</summary>
    Start = 8,

    /// <summary>Element segments.</summary>
    Element = 9,

    /// <summary>Function bodies.</summary>
    Code = 10,

    /// <summary>Data segments.</summary>
    Data = 11,

    /// <summary>Number of data segments (needed before the code section by <c>memory.init</c> / <c>data.drop</c>).</summary>
    DataCount = 12,
}
