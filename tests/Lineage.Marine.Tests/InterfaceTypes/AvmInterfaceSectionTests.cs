// SPDX-License-Identifier: Apache-2.0

using System.Security.Cryptography;
using Lineage.Marine.InterfaceTypes;
using Lineage.Marine.Modules;
using Lineage.Marine.Tests.Support;
using Lineage.TestKit.Marine;

namespace Lineage.Marine.Tests.InterfaceTypes;

/// <summary>Golden tests on the real interface-types section of the official avm.wasm 0.62.0.</summary>
public sealed class AvmInterfaceSectionTests
{
    private static readonly Lazy<byte[]> s_avm = new(MarineHarness.AvmWasm);

    private static byte[] Section => WasmCustomSections.Payload(s_avm.Value, InterfaceTypesSection.SectionName);

    [Fact]
    public void The_fixture_is_the_published_avm_wasm()
    {
        Convert.ToHexStringLower(SHA256.HashData(s_avm.Value))
            .Should().Be("4a9f248d19582a4c0c638a3e4485d092dbf707dd7ad766f5320698b082010eba");
        Section.Length.Should().Be(1592 - 16, "the 1,592-byte section holds a 16-byte name");
    }

    [Fact]
    public void Section_decodes_to_version_types_adapters_exports_and_implementations()
    {
        InterfaceTypesSection section = InterfaceTypesSection.Parse(Section);

        section.Version.Should().Be("0.27.0");
        section.Types.Should().HaveCount(26);
        section.Imports.Should().BeEmpty();
        section.Adapters.Should().HaveCount(4);
        section.Exports.Select(e => (e.Name, e.FunctionType)).Should().Equal(
            ("allocate", 0UL), ("release_objects", 1UL), ("get_result_size", 2UL), ("get_result_ptr", 3UL),
            ("set_result_size", 4UL), ("set_result_ptr", 5UL), ("invoke", 19UL), ("invoke_tracing", 21UL),
            ("ast", 23UL), ("to_human_readable_data", 25UL));
        section.Implementations.Select(i => (i.CoreFunctionType, i.AdapterFunctionType)).Should().Equal(
            (19UL, 18UL), (21UL, 20UL), (23UL, 22UL), (25UL, 24UL));
    }

    [Fact]
    public void Invoke_adapter_lowers_every_argument_calls_core_and_lifts_the_outcome_record()
    {
        InterfaceTypesSection section = InterfaceTypesSection.Parse(Section);
        Adapter invoke = section.Adapters[0];

        invoke.FunctionType.Should().Be(18);
        invoke.Instructions.Should().Equal(
            new AdapterInstruction(AdapterOpcode.ArgumentGet, 0),
            new AdapterInstruction(AdapterOpcode.StringSize),
            new AdapterInstruction(AdapterOpcode.PushI32, 1),
            new AdapterInstruction(AdapterOpcode.CallCore, 0),
            new AdapterInstruction(AdapterOpcode.ArgumentGet, 0),
            new AdapterInstruction(AdapterOpcode.StringLowerMemory),
            new AdapterInstruction(AdapterOpcode.ArgumentGet, 1),
            new AdapterInstruction(AdapterOpcode.ArrayLowerMemory, ValueType: IType.U8),
            new AdapterInstruction(AdapterOpcode.ArgumentGet, 2),
            new AdapterInstruction(AdapterOpcode.ArrayLowerMemory, ValueType: IType.U8),
            new AdapterInstruction(AdapterOpcode.ArgumentGet, 3),
            new AdapterInstruction(AdapterOpcode.RecordLowerMemory, 11),
            new AdapterInstruction(AdapterOpcode.ArgumentGet, 4),
            new AdapterInstruction(AdapterOpcode.ArrayLowerMemory, ValueType: IType.U8),
            new AdapterInstruction(AdapterOpcode.CallCore, 6),
            new AdapterInstruction(AdapterOpcode.CallCore, 3),
            new AdapterInstruction(AdapterOpcode.RecordLiftMemory, 6),
            new AdapterInstruction(AdapterOpcode.CallCore, 1));
    }

    [Fact]
    public void Run_parameters_record_has_the_exact_field_order_and_types()
    {
        MarineInterface avm = MarineInterface.Parse(Section);
        avm.TryGetFunction("invoke", out MarineFunctionSignature invoke).Should().BeTrue();
        RecordTypeDefinition runParameters = avm.Record(invoke.Arguments[3].Type.RecordTypeId);

        runParameters.Name.Should().Be("RunParameters");
        runParameters.Fields.Select(f => (f.Name, avm.TypeName(f.Type))).Should().Equal(
            ("init_peer_id", "string"), ("current_peer_id", "string"), ("timestamp", "u64"), ("ttl", "u32"),
            ("key_format", "u8"), ("secret_key_bytes", "[]u8"), ("particle_id", "string"),
            ("air_size_limit", "u64"), ("particle_size_limit", "u64"), ("call_result_size_limit", "u64"),
            ("hard_limit_enabled", "bool"));
    }

    [Fact]
    public void Exported_functions_and_records_resolve_like_marine()
    {
        MarineInterface avm = MarineInterface.Parse(Section);

        avm.Functions.Select(f => $"{f.Name}({string.Join(", ", f.Arguments.Select(a => a.Name + ": " + avm.TypeName(a.Type)))}) -> {string.Join(", ", f.Outputs.Select(avm.TypeName))}")
            .Should().Equal(
                "invoke(air: string, prev_data: []u8, data: []u8, params: RunParameters, call_results: []u8) -> InterpreterOutcome",
                "invoke_tracing(air: string, prev_data: []u8, data: []u8, params: RunParameters, call_results: []u8, tracing_params: string, tracing_output_mode: u8) -> InterpreterOutcome",
                "ast(script: string) -> string",
                "to_human_readable_data(data: []u8) -> string");
        avm.ExportedRecordIds.Select(id => avm.Records[id].Name).Should().Equal("InterpreterOutcome", "RunParameters");
        avm.Records[6].Fields.Select(f => (f.Name, avm.TypeName(f.Type))).Should().Equal(
            ("ret_code", "i64"), ("error_message", "string"), ("data", "[]u8"), ("next_peer_pks", "[]string"),
            ("call_requests", "[]u8"), ("air_size_limit_exceeded", "bool"), ("particle_size_limit_exceeded", "bool"),
            ("call_result_size_limit_exceeded", "bool"));
        avm.Records[15].Name.Should().Be("CallParameters");
        avm.TypeName(avm.Records[15].Fields[5].Type).Should().Be("[][]SecurityTetraplet");
    }

    [Fact]
    public void Encoding_the_decoded_section_reproduces_the_original_bytes()
    {
        InterfaceTypesSection.Parse(Section).Encode().Should().Equal(Section);
    }

    [Fact]
    public void Marine_custom_sections_give_sdk_version_and_generated_items()
    {
        MarineModuleInfo info = MarineModuleInfo.FromCustomSections(WasmCustomSections.Read(s_avm.Value));

        info.SdkVersion.Should().Be("0.14.0");
        info.Manifest.Should().BeNull();
        info.GeneratedSections.Keys.Should().Contain(["invoke", "ast", "RunParameters", "InterpreterOutcome", "CallParameters"]);
        info.GeneratedSections["ast"].Should().Contain("\"name\":\"ast\"");
    }

    [Fact]
    public void Interface_json_has_the_node_get_interface_shape()
    {
        var json = MarineInterfaceJson.ToJson(MarineInterface.Parse(Section));

        json["function_signatures"]![2]!.ToJsonString().Should().Be(
            "{\"name\":\"ast\",\"arguments\":[[\"script\",\"string\"]],\"output_types\":[\"string\"]}");
        json["record_types"]![1]!["name"]!.GetValue<string>().Should().Be("RunParameters");
        json["record_types"]![1]!["id"]!.GetValue<ulong>().Should().Be(11);
    }

    [Fact]
    public void Every_truncation_of_the_section_fails_with_an_offset_error_or_decodes_a_prefix()
    {
        byte[] section = Section;
        for (int length = 0; length < section.Length; length++)
        {
            try
            {
                MarineInterface.Parse(section.AsSpan(0, length));
            }
            catch (InterfaceTypesFormatException e)
            {
                e.Offset.Should().BeInRange(0, length);
            }
        }
    }
}
