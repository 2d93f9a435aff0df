// SPDX-License-Identifier: Apache-2.0

using Lineage.Wasm.Model;
using ValueType = Lineage.Wasm.Model.ValueType;

namespace Lineage.Wasm.Runtime;

/// <summary>
/// A table of references: <see cref="WasmFunction"/> (or null) for funcref tables, any object (or null) for
/// externref tables. Growing replaces <see cref="Elements"/>, so compiled code always reads it through the table.
/// </summary>
public sealed class WasmTable
{
    /// <summary>The elements; read by compiled code. Its length is the table size.</summary>
    internal object?[] Elements;

    private readonly uint _limit;

    /// <summary>Creates a table of <paramref name="type"/> filled with <paramref name="initialValue"/>.</summary>
    public WasmTable(TableType type, object? initialValue = null, uint elementLimit = 10_000_000)
    {
        if (!ValueTypes.IsReference(type.ElementType))
        {
            throw new ArgumentException("a table holds funcref or externref", nameof(type));
        }

        CheckReference(type.ElementType, initialValue);
        Type = type;
        _limit = Math.Min(type.Limits.Maximum ?? uint.MaxValue, elementLimit);
        if (type.Limits.Minimum > _limit)
        {
            throw new WasmLinkException($"table of {type.Limits.Minimum} elements exceeds the limit of {_limit}");
        }

        Elements = new object?[type.Limits.Minimum];
        if (initialValue is not null)
        {
            Array.Fill(Elements, initialValue);
        }
    }

    /// <summary>The declared type.</summary>
    public TableType Type { get; }

    /// <summary>The element type (funcref or externref).</summary>
    public ValueType ElementType => Type.ElementType;

    /// <summary>The current type: the current size as minimum, and the declared maximum.</summary>
    public TableType CurrentType => new(Type.ElementType, new Limits(Size, Type.Limits.Maximum));

    /// <summary>The current number of elements.</summary>
    public uint Size => (uint)Elements.Length;

    /// <summary>Reads element <paramref name="index"/>; traps with <see cref="TrapCode.TableOutOfBounds"/> if outside.</summary>
    public object? Get(uint index)
    {
        var elements = Elements;
        if (index >= (uint)elements.Length)
        {
            throw new WasmTrapException(TrapCode.TableOutOfBounds);
        }

        return elements[index];
    }

    /// <summary>Writes element <paramref name="index"/>; traps with <see cref="TrapCode.TableOutOfBounds"/> if outside.</summary>
    public void Set(uint index, object? value)
    {
        CheckReference(Type.ElementType, value);
        var elements = Elements;
        if (index >= (uint)elements.Length)
        {
            throw new WasmTrapException(TrapCode.TableOutOfBounds);
        }

        elements[index] = value;
    }

    /// <summary>Grows by <paramref name="delta"/> elements set to <paramref name="initialValue"/>; returns the old size or -1.</summary>
    public int Grow(uint delta, object? initialValue)
    {
        var old = (uint)Elements.Length;
        if (delta == 0)
        {
            return (int)old;
        }

        var wanted = (ulong)old + delta;
        if (wanted > _limit || wanted > (ulong)Array.MaxLength)
        {
            return -1;
        }

        var grown = new object?[wanted];
        Array.Copy(Elements, grown, old);
        if (initialValue is not null)
        {
            Array.Fill(grown, initialValue, (int)old, (int)delta);
        }

        Elements = grown;
        return (int)old;
    }

    private static void CheckReference(ValueType elementType, object? value)
    {
        if (elementType == ValueType.FuncRef && value is not null and not WasmFunction)
        {
            throw new ArgumentException("a funcref table holds WasmFunction references", nameof(value));
        }
    }
}
