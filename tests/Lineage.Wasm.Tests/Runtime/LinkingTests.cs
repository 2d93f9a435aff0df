// SPDX-License-Identifier: Apache-2.0

using Lineage.Wasm.Model;
using Lineage.Wasm.Runtime;
using ValueType = Lineage.Wasm.Model.ValueType;

namespace Lineage.Wasm.Tests.Runtime;

public sealed class LinkingTests : IDisposable
{
    private readonly WasmStore _store = new();
    private readonly List<int> _logged = [];

    public void Dispose() => _store.Dispose();

    private WasmImports HostImports() => new WasmImports()
        .DefineFunction("host", "add", (int a, int b) => a + b)
        .DefineFunction("host", "log", (int value) => _logged.Add(value))
        .Define("host", "swap", WasmFunction.FromCallback(
            new FunctionType([ValueType.I64, ValueType.F64], [ValueType.F64, ValueType.I64]),
            (arguments, results) =>
            {
                results[0] = WasmValue.FromF64(arguments[1].F64);
                results[1] = WasmValue.FromI64(arguments[0].I64);
            }))
        .DefineFunction("host", "fail", new Action(() => throw new InvalidOperationException("host says no")));

    private (WasmInstance Provider, WasmInstance Consumer) Link()
    {
        var provider = Wat.InstantiateFile(_store, "provider");
        var consumer = Wat.InstantiateFile(_store, "consumer", HostImports().DefineInstance("provider", provider));
        return (provider, consumer);
    }

    [Fact]
    public void Instances_share_functions_memory_globals_and_tables()
    {
        var (provider, consumer) = Link();
        consumer.GetFunction("quad").Call<int, int>(5).Should().Be(20);
        provider.GetFunction("poke").CallVoid(7, 99);
        consumer.GetFunction("peek").Call<int, int>(7).Should().Be(99);
        consumer.GetFunction("counter_plus_bump").Call<int>().Should().Be(22);
        consumer.GetFunction("set_counter").CallVoid(100);
        provider.GetGlobal("counter").Value.Should().Be(WasmValue.FromI32(100));
        consumer.GetFunction("answer").Call<long>().Should().Be(42);
        consumer.GetFunction("via_table").Call<int, int, int>(0, 3).Should().Be(6);
        consumer.GetFunction("via_table").Call<int, int, int>(1, 3).Should().Be(12);
        provider.GetTable("table").Get(1).Should().BeOfType<WasmFunction>();
    }

    [Fact]
    public void Host_functions_are_called_typed_or_packed()
    {
        var (_, consumer) = Link();
        consumer.GetFunction("host_add").Call<int, int, int>(40, 2).Should().Be(42);
        consumer.GetFunction("host_log").CallVoid(7);
        _logged.Should().Equal(7);
        consumer.GetFunction("host_swap").Invoke(WasmValue.FromI64(3), WasmValue.FromF64(1.5))
            .Should().Equal(WasmValue.FromF64(1.5), WasmValue.FromI64(3));
    }

    [Fact]
    public void Host_exceptions_become_host_error_traps()
    {
        var (_, consumer) = Link();
        var trap = Assert.Throws<WasmTrapException>(() => consumer.GetFunction("host_fail").CallVoid());
        trap.Code.Should().Be(TrapCode.HostError);
        trap.InnerException.Should().BeOfType<InvalidOperationException>();
    }

    [Fact]
    public void Missing_or_mismatched_imports_fail_to_link()
    {
        var provider = Wat.InstantiateFile(_store, "provider");
        Assert.Throws<WasmLinkException>(() => Wat.InstantiateFile(_store, "consumer", HostImports()))
            .Message.Should().Contain("unknown import");
        var wrong = HostImports().DefineInstance("provider", provider).DefineFunction("host", "add", (long a) => a);
        Assert.Throws<WasmLinkException>(() => Wat.InstantiateFile(_store, "consumer", wrong))
            .Message.Should().Contain("incompatible import type");
        var tooSmall = HostImports().DefineInstance("provider", provider).Define("provider", "mem", new WasmMemory(0));
        Assert.Throws<WasmLinkException>(() => Wat.InstantiateFile(_store, "consumer", tooSmall));
    }

    [Fact]
    public void Out_of_bounds_active_segments_trap_after_partial_initialisation()
    {
        var table = new WasmTable(new TableType(ValueType.FuncRef, new Limits(3, null)));
        var memory = new WasmMemory(1);
        var imports = new WasmImports().Define("env", "table", table).Define("env", "memory", memory);
        var trap = Assert.Throws<WasmTrapException>(() => Wat.Instantiate(_store, """
            (module
              (import "env" "table" (table 3 funcref))
              (import "env" "memory" (memory 1))
              (func $f)
              (elem (i32.const 0) $f)
              (elem (i32.const 2) $f $f)
              (data (i32.const 0) "never"))
            """, imports));
        trap.Code.Should().Be(TrapCode.TableOutOfBounds);
        table.Get(0).Should().NotBeNull();
        table.Get(2).Should().BeNull();
        memory.Read<byte>(0).Should().Be(0);
    }

    [Fact]
    public void Start_function_runs_at_instantiation()
    {
        var instance = Wat.Instantiate(_store, """
            (module
              (global (export "g") (mut i32) (i32.const 1))
              (func $start (global.set 0 (i32.const 5)))
              (start $start))
            """);
        instance.GetGlobal("g").Value.Should().Be(WasmValue.FromI32(5));
    }
}
