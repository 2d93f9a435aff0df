// SPDX-License-Identifier: Apache-2.0

using Lineage.Wasm.Compilation.Simd;
using Lineage.Wasm.Instructions;
using Lineage.Wasm.Runtime;

namespace Lineage.Wasm.Tests.Compilation;

public sealed class SimdTests : IDisposable
{
    private readonly WasmStore _store = new();
    private readonly WasmInstance _instance;

    public SimdTests()
    {
        _instance = Wat.InstantiateFile(_store, "simd");
    }

    public void Dispose() => _store.Dispose();

    private WasmFunction F(string name) => _instance.GetFunction(name);

    [Fact]
    public void Every_simd_opcode_has_an_implementation()
    {
        var handledByEmitter = new[] { Opcode.V128Load, Opcode.V128Store };
        var implemented = typeof(SimdOps).GetMethods().Select(m => m.Name).ToHashSet();
        var missing = Enum.GetValues<Opcode>()
            .Where(op => (ushort)op >= 0xFD00 && !handledByEmitter.Contains(op) && !implemented.Contains(op.ToString()))
            .ToList();
        missing.Should().BeEmpty();
    }

    [Fact]
    public void Integer_and_bitwise_operations()
    {
        F("i32x4_add_lane").Call<int, int, int, int>(5, 7, 0).Should().Be(12);
        F("shl_shr").Call<int, int>(4).Should().Be(0x0FFFFFFF);
        F("xor_or_bitselect").Call<long>().Should().Be(0xF0F0);
        F("shuffle").Call<int>().Should().Be(99);
        F("sat").Call<int>().Should().Be(127);
        F("bitmask").Call<int>().Should().Be(0b1000_0000_0000_0101);
        F("all_true").Call<int>().Should().Be(0);
        F("dot").Call<int>().Should().Be(11);
        F("narrow").Call<int>().Should().Be(255);
        BitConverter.SingleToInt32Bits(F("fmin").Call<float>()).Should().Be(int.MinValue);
    }

    [Fact]
    public void Memory_forms_check_bounds()
    {
        _instance.GetMemory("memory").Write(0, 0x1122334455667788UL);
        F("load_store").Call<int, long>(0).Should().Be(0x55667788);
        F("load_lane").Call<int>().Should().Be(0x01020304);
        Assert.Throws<WasmTrapException>(() => F("oob").CallVoid()).Code.Should().Be(TrapCode.MemoryOutOfBounds);
    }
}
