// SPDX-License-Identifier: Apache-2.0

using Lineage.Wasm.Runtime;

namespace Lineage.Wasm.Tests.Compilation;

public sealed class ControlFlowTests : IDisposable
{
    private readonly WasmStore _store = new();
    private readonly WasmInstance _instance;

    public ControlFlowTests()
    {
        _instance = Wat.InstantiateFile(_store, "control");
    }

    public void Dispose() => _store.Dispose();

    private WasmFunction F(string name) => _instance.GetFunction(name);

    [Fact]
    public void Recursion_and_loops_compute()
    {
        F("fac").Call<long, long>(20).Should().Be(2432902008176640000);
        F("fib").Call<int, int>(20).Should().Be(6765);
        F("sum_to").Call<int, int>(100).Should().Be(5050);
    }

    [Theory]
    [InlineData(0, 10)]
    [InlineData(1, 20)]
    [InlineData(2, 30)]
    [InlineData(3, 99)]
    [InlineData(100, 99)]
    [InlineData(-1, 99)]
    public void Br_table_dispatches(int index, int expected) => F("switch").Call<int, int>(index).Should().Be(expected);

    [Fact]
    public void Branches_discard_values_below_their_results()
    {
        F("br_with_junk").Call<int, int>(1).Should().Be(8);
        F("br_with_junk").Call<int, int>(0).Should().Be(9);
        F("table_junk").Call<int, int>(0).Should().Be(1003);
        F("table_junk").Call<int, int>(1).Should().Be(1003);
        F("table_junk").Call<int, int>(7).Should().Be(1003);
    }

    [Fact]
    public void Select_and_block_parameters_work()
    {
        F("select").Call<int, long>(1).Should().Be(11);
        F("select").Call<int, long>(0).Should().Be(22);
        F("block_params").Call<int, int>(21).Should().Be(42);
        F("loop_params").Call<int, int>(4).Should().Be(10);
        F("dead_code").Call<int, int>(5).Should().Be(5);
    }

    [Fact]
    public void Call_indirect_checks_index_null_and_signature()
    {
        F("indirect").Call<int, int, int, int>(0, 5, 3).Should().Be(8);
        F("indirect").Call<int, int, int, int>(1, 5, 3).Should().Be(2);
        F("indirect").Call<int, int, int, int>(2, 5, 3).Should().Be(500);
        Assert.Throws<WasmTrapException>(() => F("indirect").Call<int, int, int, int>(3, 5, 3)).Code.Should().Be(TrapCode.UninitializedElement);
        Assert.Throws<WasmTrapException>(() => F("indirect").Call<int, int, int, int>(4, 5, 3)).Code.Should().Be(TrapCode.UndefinedElement);
        Assert.Throws<WasmTrapException>(() => F("indirect_wrong").Call<int>()).Code.Should().Be(TrapCode.IndirectCallTypeMismatch);
    }

    [Fact]
    public void Multiple_results_travel_through_calls_and_invoke()
    {
        var results = F("multi").Invoke(WasmValue.FromI32(41));
        results.Should().Equal(WasmValue.FromI32(42), WasmValue.FromI64(42));
        var many = F("many_results").Invoke();
        many.Should().HaveCount(10);
        many[8].Should().Be(WasmValue.FromI32(9));
        many[9].Should().Be(WasmValue.FromI64(10));
        F("many_results_sum").Call<long>().Should().Be(55);
    }

    [Fact]
    public void Unreachable_traps_with_a_wasm_stack_trace()
    {
        var trap = Assert.Throws<WasmTrapException>(() => F("unreachable").CallVoid());
        trap.Code.Should().Be(TrapCode.Unreachable);
        trap.Message.Should().Be("unreachable");
        trap.WasmFrames.Should().Contain(16);
    }
}
