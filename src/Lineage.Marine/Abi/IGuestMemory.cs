// SPDX-License-Identifier: Apache-2.0

namespace Lineage.Marine.Abi;

/// <summary>
/// The two things lifting and lowering need from a module instance: its linear memory and its
/// <c>allocate(size, type_tag)</c> export.
/// </summary>
internal interface IGuestMemory
{
    /// <summary>The current memory bytes. Re-read after <see cref="Allocate"/>: the memory may have grown.</summary>
    Span<byte> Bytes { get; }

    /// <summary>Calls the module's <c>allocate</c> and returns the offset of <paramref name="size"/> writable bytes.</summary>
    int Allocate(int size, int typeTag);
}
