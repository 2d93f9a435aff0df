// SPDX-License-Identifier: Apache-2.0

namespace Lineage.Wasm.Model;

/// <summary>A data segment. <see cref="Data"/> is a slice of the module bytes (no copy).</summary>
public sealed class DataSegment
{
    /// <summary>Active or passive.</summary>
    public required SegmentMode Mode { get; init; }

    /// <summary>For active segments: the memory to initialise.</summary>
    public uint MemoryIndex { get; init; }

    /// <summary>For active segments: the offset expression.</summary>
    public ConstantExpression Offset { get; init; }

    /// <summary>The segment's bytes.</summary>
    public required ReadOnlyMemory<byte> Data { get; init; }

    /// <summary>Byte offset of <see cref="Data"/> in the module.</summary>
    public int DataOffset { get; init; }
}
