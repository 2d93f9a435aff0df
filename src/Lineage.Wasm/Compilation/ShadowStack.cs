// SPDX-License-Identifier: Apache-2.0

using ValueType = Lineage.Wasm.Model.ValueType;

namespace Lineage.Wasm.Compilation;

/// <summary>
/// The types of the values on the IL evaluation stack while a function is emitted. Every emitted instruction pops
/// what it consumes with the type it expects, so a translation bug surfaces as a compile-time error naming the
/// WebAssembly offset instead of an <see cref="InvalidProgramException"/> from the JIT.
/// </summary>
internal sealed class ShadowStack
{
    private ValueType[] _items = new ValueType[32];

    public int Count { get; private set; }

    /// <summary>The largest <see cref="Count"/> so far.</summary>
    public int MaxCount { get; private set; }

    public void Push(ValueType type)
    {
        if (Count == _items.Length)
        {
            Array.Resize(ref _items, _items.Length * 2);
        }

        _items[Count++] = type;
        if (Count > MaxCount)
        {
            MaxCount = Count;
        }
    }

    /// <summary>Pops the top type; null if the stack is empty.</summary>
    public ValueType? TryPop() => Count == 0 ? null : _items[--Count];

    /// <summary>The type <paramref name="depth"/> entries below the top.</summary>
    public ValueType? Peek(int depth = 0) => depth < Count ? _items[Count - 1 - depth] : null;

    /// <summary>Cuts the stack back to <paramref name="height"/> entries.</summary>
    public void Truncate(int height)
    {
        if (height < Count)
        {
            Count = height;
        }
    }
}
