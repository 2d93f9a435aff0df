// SPDX-License-Identifier: Apache-2.0

using Lineage.Marine.Abi;

namespace Lineage.Marine.Tests.Abi;

/// <summary>
/// A plain byte array with a bump allocator, standing in for a module's memory in layout tests (the same code
/// runs against real modules in the module tests). Records every allocate call.
/// </summary>
internal sealed class BumpMemory(int size) : IGuestMemory
{
    private readonly byte[] _bytes = new byte[size];
    private int _next = 16;

    public List<(int Size, int Tag, int Pointer)> Allocations { get; } = [];

    public Span<byte> Bytes => _bytes;

    public int Allocate(int size, int typeTag)
    {
        int pointer = _next;
        _next += Math.Max(size, 1);
        Allocations.Add((size, typeTag, pointer));
        return pointer;
    }
}
