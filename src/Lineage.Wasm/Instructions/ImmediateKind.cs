// SPDX-License-Identifier: Apache-2.0

namespace Lineage.Wasm.Instructions;

/// <summary>The shape of an instruction's immediate operands in the binary format.</summary>
public enum ImmediateKind : byte
{
    /// <summary>No immediates.</summary>
    None,

    /// <summary>A block type (empty, a value type, or a type index as s33).</summary>
    BlockType,

    /// <summary>A label index.</summary>
    Label,

    /// <summary>A vector of label indices plus a default label.</summary>
    BranchTable,

    /// <summary>A function index.</summary>
    Function,

    /// <summary>A type index and a table index.</summary>
    CallIndirect,

    /// <summary>A local index.</summary>
    Local,

    /// <summary>A global index.</summary>
    Global,

    /// <summary>A table index.</summary>
    Table,

    /// <summary>Alignment exponent and offset.</summary>
    MemArg,

    /// <summary>A reserved memory index that must be the single byte 0x00 (<c>memory.size</c>/<c>memory.grow</c>).</summary>
    MemoryIndex,

    /// <summary>A signed LEB128 i32.</summary>
    I32,

    /// <summary>A signed LEB128 i64.</summary>
    I64,

    /// <summary>Four little-endian bytes.</summary>
    F32,

    /// <summary>Eight little-endian bytes.</summary>
    F64,

    /// <summary>A reference type byte.</summary>
    ReferenceType,

    /// <summary>A vector of value types (typed <c>select</c>).</summary>
    SelectTypes,

    /// <summary>Sixteen bytes.</summary>
    V128,

    /// <summary>Sixteen lane indices.</summary>
    Shuffle,

    /// <summary>One lane index byte.</summary>
    Lane,

    /// <summary>A memarg followed by a lane index byte.</summary>
    MemArgLane,

    /// <summary>A data index and a reserved zero byte.</summary>
    MemoryInit,

    /// <summary>A data index.</summary>
    Data,

    /// <summary>Two reserved zero bytes.</summary>
    MemoryCopy,

    /// <summary>One reserved zero byte.</summary>
    MemoryFill,

    /// <summary>An element index and a table index.</summary>
    TableInit,

    /// <summary>An element index.</summary>
    Element,

    /// <summary>Destination and source table indices.</summary>
    TableCopy,
}
