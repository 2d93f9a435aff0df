// SPDX-License-Identifier: Apache-2.0

using Lineage.Marine.InterfaceTypes;

namespace Lineage.Marine.Tests.InterfaceTypes;

public sealed class MalformedSectionTests
{
    private static readonly byte[] s_version = [0x05, 0x06, .. "0.27.0"u8];

    [Theory]
    [InlineData(new byte[] { 0x07 }, 8, "unknown interface kind 0x07")]
    [InlineData(new byte[] { 0x00, 0x01, 0x02 }, 10, "unknown type kind 0x02 (expected 0x00 function or 0x01 record)")]
    [InlineData(new byte[] { 0x00, 0x01, 0x00, 0x01, 0x01, 0x61, 0x99, 0x00 }, 14, "unknown interface type code 0x99")]
    [InlineData(new byte[] { 0x00, 0x01, 0x01, 0x01, 0x52, 0x00 }, 13, "record 'R' has no fields")]
    [InlineData(new byte[] { 0x02, 0x01, 0x00, 0x01, 0x99 }, 12, "unknown adapter instruction opcode 0x99")]
    [InlineData(new byte[] { 0x03, 0x05 }, 9, "export count 5 exceeds the 0 bytes left")]
    [InlineData(new byte[] { 0x03, 0x01, 0x10, 0x61 }, 10, "export name of 16 bytes runs past the end of the section")]
    [InlineData(new byte[] { 0x04, 0x01, 0x80, 0x80 }, 10, "unexpected end of section inside a LEB128 integer")]
    public void Malformed_payload_reports_the_byte_offset_and_the_reason(byte[] tail, int offset, string reason)
    {
        var act = () => InterfaceTypesSection.Parse([.. s_version, .. tail]);

        act.Should().Throw<InterfaceTypesFormatException>()
            .Where(e => e.Offset == offset && e.Reason == reason);
    }

    [Fact]
    public void Invalid_utf8_in_a_name_is_refused()
    {
        var act = () => InterfaceTypesSection.Parse([.. s_version, 0x03, 0x01, 0x02, 0xc3, 0x28, 0x00]);

        act.Should().Throw<InterfaceTypesFormatException>().Where(e => e.Offset == 11 && e.Reason.Contains("UTF-8"));
    }

    [Fact]
    public void Deeply_nested_arrays_are_refused_without_stack_overflow()
    {
        byte[] nested = [.. Enumerable.Repeat((byte)0x36, 100_000), 0x0a];
        var act = () => InterfaceTypesSection.Parse([.. s_version, 0x00, 0x01, 0x00, 0x00, 0x01, .. nested]);

        act.Should().Throw<InterfaceTypesFormatException>().Where(e => e.Reason.Contains("nested deeper"));
    }

    [Fact]
    public void Resolving_rejects_dangling_record_references_old_versions_and_self_containing_records()
    {
        var dangling = new InterfaceTypesSection("0.27.0",
            [new FunctionTypeDefinition([new NamedType("r", IType.Record(7))], [])], [], [],
            [new InterfaceExport("f", 0)], []);
        var old = new InterfaceTypesSection("0.19.0", [], [], [], [], []);
        var recursive = new InterfaceTypesSection("0.27.0",
            [new RecordTypeDefinition("R", [new NamedType("children", IType.ArrayOf(IType.Record(0)))])], [], [], [], []);
        var exportOfRecord = new InterfaceTypesSection("0.27.0",
            [new RecordTypeDefinition("R", [new NamedType("x", IType.U8)])], [], [], [new InterfaceExport("f", 0)], []);

        FluentActions.Invoking(() => MarineInterface.FromSection(dangling)).Should().Throw<InterfaceTypesFormatException>()
            .WithMessage("*argument 'r' refers to record type 7*");
        FluentActions.Invoking(() => MarineInterface.FromSection(old)).Should().Throw<InterfaceTypesFormatException>()
            .WithMessage("*older than the minimum 0.20.0*");
        FluentActions.Invoking(() => MarineInterface.FromSection(recursive)).Should().Throw<InterfaceTypesFormatException>()
            .WithMessage("*record 'R' contains itself*");
        FluentActions.Invoking(() => MarineInterface.FromSection(exportOfRecord)).Should().Throw<InterfaceTypesFormatException>()
            .WithMessage("*which is a record, not a function*");
    }

    [Fact]
    public void Written_sections_round_trip_through_the_reader()
    {
        var section = new InterfaceTypesSection("0.27.0",
            [
                new RecordTypeDefinition("Pair", [new NamedType("a", IType.S64), new NamedType("b", IType.ArrayOf(IType.ArrayOf(IType.Utf8String)))]),
                new FunctionTypeDefinition([new NamedType("p", IType.Record(0)), new NamedType("n", IType.F64)], [IType.ByteArray]),
            ],
            [new InterfaceImport("other", "f", 1)],
            [new Adapter(1, [new AdapterInstruction(AdapterOpcode.PushI64, long.MaxValue), new AdapterInstruction(AdapterOpcode.ArrayLiftMemory, ValueType: IType.ArrayOf(IType.Record(300)))])],
            [new InterfaceExport("g", 1)],
            [new InterfaceImplementation(1, 1)]);

        byte[] encoded = section.Encode();
        InterfaceTypesSection.Parse(encoded).Encode().Should().Equal(encoded);
        MarineInterface resolved = MarineInterface.FromSection(InterfaceTypesSection.Parse(encoded));
        resolved.Functions.Single().Name.Should().Be("g");
        resolved.TypeName(resolved.Records[0].Fields[1].Type).Should().Be("[][]string");
        resolved.Imports.Single().Name.Should().Be("other.f");
    }
}
