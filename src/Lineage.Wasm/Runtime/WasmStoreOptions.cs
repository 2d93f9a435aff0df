// SPDX-License-Identifier: Apache-2.0

namespace Lineage.Wasm.Runtime;

/// <summary>Limits and execution options of a <see cref="WasmStore"/>. Code is compiled for these options.</summary>
public sealed class WasmStoreOptions
{
    /// <summary>Stack size of the store's guest thread, which runs all guest code. Default 32 MiB.</summary>
    public int GuestStackSize { get; init; } = 32 << 20;

    /// <summary>
    /// Bytes of the guest stack kept free for host functions, lazy compilation and the JIT; guest recursion that
    /// would use them traps with <see cref="TrapCode.CallStackExhausted"/>. Default 2 MiB.
    /// </summary>
    public int StackReserve { get; init; } = 2 << 20;

    /// <summary>
    /// Guest code runs on the calling thread, without a hop to the guest thread, when that thread has at least
    /// <see cref="StackReserve"/> plus this many bytes of stack left (its bounds known from the OS); it may then
    /// recurse until <see cref="StackReserve"/> bytes are left, or at most <see cref="GuestStackSize"/> minus
    /// <see cref="StackReserve"/>. Thread-pool threads (1.5 MiB) hop; a main thread (8 MiB) runs inline.
    /// 0 turns inline execution off. Default 1 MiB.
    /// </summary>
    public int InlineStackMinimum { get; init; } = 1 << 20;

    /// <summary>The most pages any memory of the store may have (memory.grow beyond it returns -1). Default 65536 (4 GiB).</summary>
    public uint MemoryPageLimit { get; init; } = 65536;

    /// <summary>The most elements any table of the store may have. Default 10,000,000.</summary>
    public uint TableElementLimit { get; init; } = 10_000_000;

    /// <summary>Compile deterministic fuel metering in; see <see cref="WasmStore.Fuel"/>.</summary>
    public bool ConsumeFuel { get; init; }

    /// <summary>
    /// Compile interruption checks at function entry and loop headers, so <see cref="WasmStore.SetDeadline"/> and
    /// <see cref="WasmStore.Interrupt"/> work. Default on.
    /// </summary>
    public bool Interruptible { get; init; } = true;
}
