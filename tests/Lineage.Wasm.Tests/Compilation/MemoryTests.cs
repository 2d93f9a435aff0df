// SPDX-License-Identifier: Apache-2.0

using Lineage.Wasm.Runtime;

namespace Lineage.Wasm.Tests.Compilation;

public sealed class MemoryTests : IDisposable
{
    private readonly WasmStore _store = new();
    private readonly WasmInstance _instance;

    public MemoryTests()
    {
        _instance = Wat.InstantiateFile(_store, "memory");
    }

    public void Dispose() => _store.Dispose();

    private WasmFunction F(string name) => _instance.GetFunction(name);

    private static TrapCode TrapOf(Action action) => Assert.Throws<WasmTrapException>(action).Code;

    [Fact]
    public void Loads_and_stores_are_little_endian_with_offsets_and_sign_extension()
    {
        F("load8_u").Call<int, int>(16).Should().Be('h');
        F("store32").CallVoid(100, unchecked((int)0x80FF_7F01));
        F("load8_s").Call<int, int>(101).Should().Be(127);
        F("load8_s").Call<int, int>(103).Should().Be(-128);
        F("load16_s").Call<int, int>(101).Should().Be(unchecked((short)0x80FF));
        F("load32").Call<int, int>(96).Should().Be(unchecked((int)0x80FF_7F01));
        F("load64_32_u").Call<int, long>(100).Should().Be(0x80FF_7F01);
        F("store64_16").CallVoid(200, 0x1234_5678L);
        _instance.GetMemory("memory").Read<ushort>(202).Should().Be(0x5678);
        F("storef64").CallVoid(300, Math.PI);
        F("loadf64").Call<int, double>(300).Should().Be(Math.PI);
    }

    [Fact]
    public void Accesses_past_the_end_trap_including_offset_and_huge_addresses()
    {
        F("load32").Call<int, int>(65536 - 8).Should().Be(0);
        TrapOf(() => F("load32").Call<int, int>(65536 - 7)).Should().Be(TrapCode.MemoryOutOfBounds);
        TrapOf(() => F("load8_u").Call<int, int>(65536)).Should().Be(TrapCode.MemoryOutOfBounds);
        TrapOf(() => F("load8_u").Call<int, int>(-1)).Should().Be(TrapCode.MemoryOutOfBounds);
        TrapOf(() => F("store32").CallVoid(int.MinValue, 1)).Should().Be(TrapCode.MemoryOutOfBounds);
        TrapOf(() => F("load16_s").Call<int, int>(65534)).Should().Be(TrapCode.MemoryOutOfBounds);
    }

    [Fact]
    public void Memory_grows_up_to_its_maximum_and_keeps_its_base()
    {
        var memory = _instance.GetMemory("memory");
        var address = memory.Address;
        F("size").Call<int>().Should().Be(1);
        F("grow_then_store").Call<int, int>(70000).Should().Be(77);
        F("grow").Call<int, int>(1).Should().Be(2);
        F("grow").Call<int, int>(1).Should().Be(-1);
        F("size").Call<int>().Should().Be(3);
        memory.Address.Should().Be(address);
        memory.Length.Should().Be(3 * 65536UL);
    }

    [Fact]
    public void Store_page_limit_caps_growth()
    {
        using var store = new WasmStore(new WasmStoreOptions { MemoryPageLimit = 2 });
        var instance = Wat.InstantiateFile(store, "memory");
        instance.GetFunction("grow").Call<int, int>(1).Should().Be(1);
        instance.GetFunction("grow").Call<int, int>(1).Should().Be(-1);
    }

    [Fact]
    public void Bulk_operations_check_the_whole_range_first()
    {
        F("fill").CallVoid(1000, 0xAB, 16);
        _instance.GetMemory("memory").Read<byte>(1015).Should().Be(0xAB);
        F("copy").CallVoid(1001, 1000, 16);
        _instance.GetMemory("memory").Read<byte>(1016).Should().Be(0xAB);
        F("init").CallVoid(2000, 1, 6);
        System.Text.Encoding.ASCII.GetString(_instance.GetMemory("memory").GetSpan(2000, 6)).Should().Be("ASSIVE");
        TrapOf(() => F("fill").CallVoid(65530, 1, 7)).Should().Be(TrapCode.MemoryOutOfBounds);
        _instance.GetMemory("memory").Read<byte>(65530).Should().Be(0);
        TrapOf(() => F("copy").CallVoid(0, 65530, 7)).Should().Be(TrapCode.MemoryOutOfBounds);
        TrapOf(() => F("init").CallVoid(0, 2, 6)).Should().Be(TrapCode.MemoryOutOfBounds);
        F("drop").CallVoid();
        F("init").CallVoid(0, 0, 0);
        TrapOf(() => F("init").CallVoid(0, 0, 1)).Should().Be(TrapCode.MemoryOutOfBounds);
    }
}
