// SPDX-License-Identifier: Apache-2.0

namespace Lineage.Wasm.Runtime;

/// <summary>
/// Per-store state that compiled code checks at function entry and loop headers: the stack limit of the guest
/// thread, the interrupt flag (deadline) and the remaining fuel. Kept in one small object so each check is one
/// field load off a local.
/// </summary>
internal sealed class ExecutionState
{
    /// <summary>The lowest stack address compiled code may reach; below it calls trap as stack exhausted.</summary>
    public nuint StackLimit;

    /// <summary>Non-zero when execution must stop (deadline passed or <see cref="WasmStore.Interrupt"/>).</summary>
    public int InterruptRequested;

    /// <summary>Remaining fuel when fuel metering is on.</summary>
    public long Fuel;
}
