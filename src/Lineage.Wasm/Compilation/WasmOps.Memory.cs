// SPDX-License-Identifier: Apache-2.0

using System.Runtime.CompilerServices;
using Lineage.Wasm.Runtime;

namespace Lineage.Wasm.Compilation;

/// <summary>Bulk memory operations: one range check of the whole range before anything is written (spec 2.0).</summary>
internal static unsafe partial class WasmOps
{
    /// <summary>The address of an access of <c>end - offset</c> bytes; traps unless <c>address + end &lt;= length</c>.</summary>
    /// <remarks>
    /// The failure path is an IL <c>throw</c>, not a call to a throwing method: the JIT treats a throw block as
    /// cold and never returning, whereas after an ordinary call every live value must survive in callee-saved
    /// registers or on the stack, which made loops with memory accesses spill most of their locals.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static byte* EffectiveAddress(int address, ulong end, ulong length, byte* baseWithOffset)
    {
        var unsigned = (ulong)(uint)address;
        if (unsigned + end > length)
        {
            throw OutOfBounds();
        }

        return baseWithOffset + unsigned;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WasmTrapException OutOfBounds() => new(TrapCode.MemoryOutOfBounds);

    public static int MemoryGrow(int delta, WasmMemory memory) => memory.Grow((uint)delta);

    public static void MemoryCopy(int destination, int source, int count, WasmMemory memory)
    {
        var length = memory.ByteLength;
        if ((ulong)(uint)destination + (uint)count > length || (ulong)(uint)source + (uint)count > length)
        {
            throw Trap((int)TrapCode.MemoryOutOfBounds);
        }

        Buffer.MemoryCopy(memory.BasePointer + (uint)source, memory.BasePointer + (uint)destination, (long)(uint)count, (long)(uint)count);
    }

    public static void MemoryFill(int destination, int value, int count, WasmMemory memory)
    {
        if ((ulong)(uint)destination + (uint)count > memory.ByteLength)
        {
            throw Trap((int)TrapCode.MemoryOutOfBounds);
        }

        FillBytes(memory.BasePointer + (uint)destination, (byte)value, (uint)count);
    }

    public static void MemoryInit(int destination, int source, int count, WasmInstance instance, int segment, WasmMemory memory)
    {
        var data = instance.DataSegments[segment].Span;
        if ((ulong)(uint)source + (uint)count > (ulong)data.Length || (ulong)(uint)destination + (uint)count > memory.ByteLength)
        {
            throw Trap((int)TrapCode.MemoryOutOfBounds);
        }

        data.Slice(source, count).CopyTo(new Span<byte>(memory.BasePointer + (uint)destination, count));
    }

    public static void DataDrop(WasmInstance instance, int segment) => instance.DataSegments[segment] = ReadOnlyMemory<byte>.Empty;

    private static void FillBytes(byte* start, byte value, uint count)
    {
        while (count > 0)
        {
            var chunk = (int)Math.Min(count, int.MaxValue);
            new Span<byte>(start, chunk).Fill(value);
            start += chunk;
            count -= (uint)chunk;
        }
    }
}
