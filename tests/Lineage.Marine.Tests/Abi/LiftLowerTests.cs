// SPDX-License-Identifier: Apache-2.0

using System.Buffers.Binary;
using Lineage.Marine.Abi;
using Lineage.Marine.InterfaceTypes;
using Lineage.Marine.Values;

namespace Lineage.Marine.Tests.Abi;

public sealed class LiftLowerTests
{
    // type 0: Inner { tag: u8, values: []i64 }; type 1: Everything { ...every field type... }
    private static readonly MarineInterface s_types = MarineInterface.FromSection(new InterfaceTypesSection("0.27.0",
        [
            new RecordTypeDefinition("Inner", [new("tag", IType.U8), new("values", IType.ArrayOf(IType.S64))]),
            new RecordTypeDefinition("Everything",
            [
                new("flag", IType.Boolean), new("s8", IType.S8), new("s16", IType.S16), new("s32", IType.S32),
                new("s64", IType.S64), new("u8", IType.U8), new("u16", IType.U16), new("u32", IType.U32),
                new("u64", IType.U64), new("f32", IType.F32), new("f64", IType.F64), new("text", IType.Utf8String),
                new("bytes", IType.ByteArray), new("nested", IType.ArrayOf(IType.ArrayOf(IType.Utf8String))),
                new("inner", IType.Record(0)), new("inners", IType.ArrayOf(IType.Record(0))),
                new("bools", IType.ArrayOf(IType.Boolean)), new("u8s", IType.ArrayOf(IType.U8)),
            ]),
        ], [], [], [], []));

    private static MarineRecord Sample() => (MarineRecord)MarineValues.Normalize(new Dictionary<string, object?>
    {
        ["flag"] = true, ["s8"] = -128, ["s16"] = short.MinValue, ["s32"] = int.MinValue, ["s64"] = long.MinValue,
        ["u8"] = 255, ["u16"] = ushort.MaxValue, ["u32"] = uint.MaxValue, ["u64"] = ulong.MaxValue,
        ["f32"] = 1.5f, ["f64"] = -2.25e300, ["text"] = "héllo ✓ \u0000 end", ["bytes"] = new byte[] { 0, 1, 254, 255 },
        ["nested"] = new[] { new[] { "a", "" }, Array.Empty<string>(), new[] { "ü" } },
        ["inner"] = new object[] { (byte)7, new long[] { 1, -1, long.MaxValue } },
        ["inners"] = new[] { new Dictionary<string, object?> { ["tag"] = 1, ["values"] = Array.Empty<long>() } },
        ["bools"] = new[] { true, false, true }, ["u8s"] = new byte[] { 9, 8 },
    }, IType.Record(1), s_types, "sample");

    [Fact]
    public void Every_type_round_trips_through_memory_exactly()
    {
        var memory = new BumpMemory(1 << 16);
        MarineRecord sample = Sample();

        int pointer = new ValueLowerer(memory, s_types).LowerRecord(s_types.Records[1], sample);
        MarineRecord lifted = new ValueLifter(memory, s_types).LiftRecord(s_types.Records[1], pointer, "r");

        MarineJson.ToJson(lifted, IType.Record(1), s_types)!.ToJsonString()
            .Should().Be(MarineJson.ToJson(sample, IType.Record(1), s_types)!.ToJsonString());
        lifted["u64"].Should().Be(ulong.MaxValue);
        lifted["f64"].Should().Be(-2.25e300);
        lifted["text"].Should().Be("héllo ✓ \u0000 end");
        ((object?[])lifted["nested"]!).Should().HaveCount(3);
    }

    [Fact]
    public void Record_layout_is_packed_little_endian_without_padding()
    {
        var memory = new BumpMemory(4096);
        var inner = new MarineRecord("Inner", [new("tag", (byte)0xAB), new("values", new object?[] { 0x0102030405060708L })]);

        int pointer = new ValueLowerer(memory, s_types).LowerRecord(s_types.Records[0], inner);

        MarineLayout.SizeOf(s_types.Records[0]).Should().Be(9);
        MarineLayout.SizeOf(s_types.Records[1]).Should().Be(1 + 1 + 2 + 4 + 8 + 1 + 2 + 4 + 8 + 4 + 8 + 8 + 8 + 8 + 4 + 8 + 8 + 8);
        memory.Allocations.Should().Equal((8, 8, 16), (9, 1, 24));
        pointer.Should().Be(24);
        memory.Bytes.Slice(24, 9).ToArray().Should().Equal(0xAB, 16, 0, 0, 0, 1, 0, 0, 0);
        BinaryPrimitives.ReadInt64LittleEndian(memory.Bytes[16..]).Should().Be(0x0102030405060708L);
    }

    [Fact]
    public void Arguments_flatten_to_core_values_with_strings_as_pointer_and_length()
    {
        var memory = new BumpMemory(4096);
        var lowerer = new ValueLowerer(memory, s_types);
        var flat = new List<AbiValue>();

        lowerer.LowerArgument(IType.Utf8String, "abc", flat);
        lowerer.LowerArgument(IType.U64, ulong.MaxValue, flat);
        lowerer.LowerArgument(IType.ArrayOf(IType.U32), new object?[] { 1u, 2u }, flat);
        lowerer.LowerArgument(IType.ArrayOf(IType.Utf8String), Array.Empty<object?>(), flat);
        lowerer.LowerArgument(IType.F32, 0.5f, flat);

        flat.Should().Equal(
            AbiValue.FromI32(16), AbiValue.FromI32(3), AbiValue.FromI64(-1), AbiValue.FromI32(19), AbiValue.FromI32(2),
            AbiValue.FromI32(0), AbiValue.FromI32(0), AbiValue.FromF32(0.5f));
        memory.Allocations.Should().Equal((3, 1, 16), (8, 3, 19));
    }

    [Theory]
    [InlineData(-16, 4)]
    [InlineData(4090, 16)]
    [InlineData(0, int.MaxValue)]
    public void Out_of_bounds_result_pointers_are_refused(int address, int length)
    {
        var lifter = new ValueLifter(new BumpMemory(4096), s_types);

        FluentActions.Invoking(() => lifter.LiftFromRegisters(IType.Utf8String, address, length))
            .Should().Throw<MarineAbiException>().WithMessage("result: pointer 0x* with length * is outside the module memory of 4096 bytes");
        FluentActions.Invoking(() => lifter.LiftFromRegisters(IType.ArrayOf(IType.ArrayOf(IType.U64)), address, length))
            .Should().Throw<MarineAbiException>();
    }

    [Fact]
    public void Invalid_utf8_from_a_module_is_refused()
    {
        var memory = new BumpMemory(4096);
        memory.Bytes[100] = 0xC3;
        memory.Bytes[101] = 0x28;

        FluentActions.Invoking(() => new ValueLifter(memory, s_types).LiftFromRegisters(IType.Utf8String, 100, 2))
            .Should().Throw<MarineAbiException>().WithMessage("*not valid UTF-8*");
    }

    [Fact]
    public void An_allocator_returning_memory_outside_the_module_is_refused()
    {
        var lowerer = new ValueLowerer(new LyingAllocator(), s_types);

        FluentActions.Invoking(() => lowerer.WriteBytes([1, 2, 3]))
            .Should().Throw<MarineAbiException>().WithMessage("allocate(3, 1) returned 0x00000ffe, outside the module memory of 4096 bytes");
    }

    private sealed class LyingAllocator : IGuestMemory
    {
        private readonly byte[] _bytes = new byte[4096];

        public Span<byte> Bytes => _bytes;

        public int Allocate(int size, int typeTag) => 4094;
    }
}
