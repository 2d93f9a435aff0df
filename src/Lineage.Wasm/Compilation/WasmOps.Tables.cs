// SPDX-License-Identifier: Apache-2.0

using System.Runtime.CompilerServices;
using Lineage.Wasm.Model;
using Lineage.Wasm.Runtime;

namespace Lineage.Wasm.Compilation;

/// <summary>Table operations and the <c>call_indirect</c> lookup.</summary>
internal static partial class WasmOps
{
    /// <summary>
    /// The function <c>call_indirect</c> calls: bounds, null and signature checks, then compiled on first use.
    /// Inlined into the call site; types are canonical per store, so a match is almost always a reference compare.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static WasmFunction ResolveIndirect(WasmTable table, int index, FunctionType expected)
    {
        var elements = table.Elements;
        if ((uint)index < (uint)elements.Length && elements[index] is WasmFunction function
            && ReferenceEquals(function.Type, expected) && function.Code != 0)
        {
            return function;
        }

        return ResolveIndirectSlow(elements, index, expected);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WasmFunction ResolveIndirectSlow(object?[] elements, int index, FunctionType expected)
    {
        if ((uint)index >= (uint)elements.Length)
        {
            throw Trap((int)TrapCode.UndefinedElement);
        }

        var function = elements[index] as WasmFunction ?? throw Trap((int)TrapCode.UninitializedElement);
        if (!ReferenceEquals(function.Type, expected) && !function.Type.Equals(expected))
        {
            throw Trap((int)TrapCode.IndirectCallTypeMismatch);
        }

        if (function.Code == 0)
        {
            function.EnsureCode();
        }

        return function;
    }

    public static object? TableGet(int index, WasmInstance instance, int table)
    {
        var elements = instance.Tables[table].Elements;
        return (uint)index < (uint)elements.Length ? elements[index] : throw Trap((int)TrapCode.TableOutOfBounds);
    }

    public static void TableSet(int index, object? value, WasmInstance instance, int table)
    {
        var elements = instance.Tables[table].Elements;
        if ((uint)index >= (uint)elements.Length)
        {
            throw Trap((int)TrapCode.TableOutOfBounds);
        }

        elements[index] = value;
    }

    public static int TableSize(WasmInstance instance, int table) => instance.Tables[table].Elements.Length;

    public static int TableGrow(object? initial, int delta, WasmInstance instance, int table) =>
        instance.Tables[table].Grow((uint)delta, initial);

    public static void TableFill(int index, object? value, int count, WasmInstance instance, int table)
    {
        var elements = instance.Tables[table].Elements;
        if ((ulong)(uint)index + (uint)count > (ulong)elements.Length)
        {
            throw Trap((int)TrapCode.TableOutOfBounds);
        }

        Array.Fill(elements, value, index, count);
    }

    public static void TableCopy(int destination, int source, int count, WasmInstance instance, int destinationTable, int sourceTable)
    {
        var to = instance.Tables[destinationTable].Elements;
        var from = instance.Tables[sourceTable].Elements;
        if ((ulong)(uint)destination + (uint)count > (ulong)to.Length || (ulong)(uint)source + (uint)count > (ulong)from.Length)
        {
            throw Trap((int)TrapCode.TableOutOfBounds);
        }

        Array.Copy(from, source, to, destination, count);
    }

    public static void TableInit(int destination, int source, int count, WasmInstance instance, int table, int segment)
    {
        var to = instance.Tables[table].Elements;
        var items = instance.ElementSegments[segment];
        if ((ulong)(uint)source + (uint)count > (ulong)items.Length || (ulong)(uint)destination + (uint)count > (ulong)to.Length)
        {
            throw Trap((int)TrapCode.TableOutOfBounds);
        }

        Array.Copy(items, source, to, destination, count);
    }

    public static void ElemDrop(WasmInstance instance, int segment) => instance.ElementSegments[segment] = [];
}
