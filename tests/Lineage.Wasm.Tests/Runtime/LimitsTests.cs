// SPDX-License-Identifier: Apache-2.0

using Lineage.Wasm.Runtime;

namespace Lineage.Wasm.Tests.Runtime;

public sealed class LimitsTests
{
    [Fact]
    public void Unbounded_recursion_traps_as_call_stack_exhausted_and_the_store_keeps_working()
    {
        using var store = new WasmStore();
        var instance = Wat.InstantiateFile(store, "limits");
        Assert.Throws<WasmTrapException>(() => instance.GetFunction("deep").Call<int, int>(0)).Code.Should().Be(TrapCode.CallStackExhausted);
        Assert.Throws<WasmTrapException>(() => instance.GetFunction("wide").Invoke(
            Enumerable.Repeat(WasmValue.FromI64(1), 8).ToArray())).Code.Should().Be(TrapCode.CallStackExhausted);
        instance.GetFunction("count").Call<int, int>(10).Should().Be(10);
    }

    [Fact]
    public void Small_guest_stack_still_traps_cleanly()
    {
        using var store = new WasmStore(new WasmStoreOptions { GuestStackSize = 4 << 20, StackReserve = 1 << 20 });
        var instance = Wat.InstantiateFile(store, "limits");
        Assert.Throws<WasmTrapException>(() => instance.GetFunction("deep").Call<int, int>(0)).Code.Should().Be(TrapCode.CallStackExhausted);
    }

    [Fact]
    public void Deadline_interrupts_an_infinite_loop()
    {
        using var store = new WasmStore();
        var instance = Wat.InstantiateFile(store, "limits");
        store.SetDeadline(TimeSpan.FromMilliseconds(50));
        Assert.Throws<WasmTrapException>(() => instance.GetFunction("spin").CallVoid()).Code.Should().Be(TrapCode.DeadlineExceeded);
        store.ClearDeadline();
        instance.GetFunction("count").Call<int, int>(5).Should().Be(5);
    }

    [Fact]
    public void Interrupt_from_another_thread_stops_guest_code()
    {
        using var store = new WasmStore();
        var instance = Wat.InstantiateFile(store, "limits");
        using var timer = new Timer(_ => store.Interrupt(), null, 30, Timeout.Infinite);
        Assert.Throws<WasmTrapException>(() => instance.GetFunction("spin").CallVoid()).Code.Should().Be(TrapCode.DeadlineExceeded);
    }

    [Fact]
    public void Fuel_is_deterministic_and_runs_out()
    {
        using var store = new WasmStore(new WasmStoreOptions { ConsumeFuel = true });
        var instance = Wat.InstantiateFile(store, "limits");
        store.Fuel = 1_000_000;
        instance.GetFunction("count").Call<int, int>(100).Should().Be(100);
        var used = 1_000_000 - store.Fuel;
        used.Should().BeGreaterThan(100);
        store.Fuel = 1_000_000;
        instance.GetFunction("count").Call<int, int>(100);
        (1_000_000 - store.Fuel).Should().Be(used);
        store.Fuel = 1000;
        Assert.Throws<WasmTrapException>(() => instance.GetFunction("spin").CallVoid()).Code.Should().Be(TrapCode.OutOfFuel);
    }
}
