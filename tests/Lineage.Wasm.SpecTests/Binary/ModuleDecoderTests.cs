// SPDX-License-Identifier: Apache-2.0

using System.Text.Json;
using Lineage.Wasm.Binary;
using Lineage.Wasm.Model;

namespace Lineage.Wasm.SpecTests.Binary;

public sealed class ModuleDecoderTests
{
    [Fact]
    public void Minimal_module_decodes()
    {
        var module = WasmModule.Decode(new byte[] { 0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00 });
        module.Types.Should().BeEmpty();
        module.Code.Should().BeEmpty();
    }

    [Fact]
    public void Function_with_locals_is_framed_lazily()
    {
        byte[] bytes =
        [
            0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00,
            0x01, 0x06, 0x01, 0x60, 0x01, 0x7F, 0x01, 0x7F,             // type: (i32) -> i32
            0x03, 0x02, 0x01, 0x00,                                     // function: type 0
            0x07, 0x07, 0x01, 0x03, 0x69, 0x6E, 0x63, 0x00, 0x00,       // export "inc"
            0x0A, 0x0B, 0x01, 0x09, 0x01, 0x02, 0x7E,                   // code: 2 x i64 locals
            0x20, 0x00, 0x41, 0x01, 0x6A, 0x0B,                         // local.get 0; i32.const 1; i32.add; end
        ];
        var module = WasmModule.Decode(bytes);
        module.Types.Should().ContainSingle();
        module.Exports.Should().ContainSingle().Which.Should().Be(new Export("inc", ExternalKind.Function, 0));
        var body = module.Code.Should().ContainSingle().Subject;
        body.LocalCount.Should().Be(2);
        body.GetLocalType(1).Should().Be(Model.ValueType.I64);
        module.GetCode(body).ToArray().Should().Equal(0x20, 0x00, 0x41, 0x01, 0x6A, 0x0B);
        body.CodeOffset.Should().Be(bytes.Length - 6);
    }

    [Fact]
    public void Truncated_modules_never_decode_and_report_an_offset_inside_the_input()
    {
        byte[] bytes =
        [
            0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00,
            0x01, 0x06, 0x01, 0x60, 0x01, 0x7F, 0x01, 0x7F,
            0x03, 0x02, 0x01, 0x00,
            0x0A, 0x09, 0x01, 0x07, 0x00, 0x20, 0x00, 0x41, 0x01, 0x6A, 0x0B,
        ];
        for (var length = 0; length < bytes.Length; length++)
        {
            if (length is 8 or 16)
            {
                continue; // section boundaries: a shorter module that is well-formed
            }

            var act = () => WasmModule.Decode(bytes.AsMemory(0, length));
            act.Should().Throw<WasmFormatException>().Which.Offset.Should().BeInRange(0, length);
        }
    }

    [Fact]
    public void Every_spec_module_decodes_and_decoder_level_malformed_modules_are_rejected()
    {
        var root = SpecSuite.ConvertedFolder;
        var decoded = 0;
        var rejected = 0;
        foreach (var json in Directory.EnumerateFiles(root, "*.json", SearchOption.AllDirectories))
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(json));
            foreach (var command in document.RootElement.GetProperty("commands").EnumerateArray())
            {
                var type = command.GetProperty("type").GetString();
                if (!command.TryGetProperty("filename", out var file) || !file.GetString()!.EndsWith(".wasm", StringComparison.Ordinal))
                {
                    continue;
                }

                var bytes = File.ReadAllBytes(Path.Combine(Path.GetDirectoryName(json)!, file.GetString()!));
                if (type is "module" or "assert_invalid" or "assert_unlinkable" or "assert_uninstantiable")
                {
                    var act = () => WasmModule.Decode(bytes);
                    act.Should().NotThrow($"{Path.GetFileName(json)} line {command.GetProperty("line")}");
                    decoded++;
                }
                else if (type == "assert_malformed")
                {
                    try
                    {
                        WasmModule.Decode(bytes);
                    }
                    catch (WasmFormatException)
                    {
                        rejected++;
                    }
                }
            }
        }

        decoded.Should().BeGreaterThan(3000);
        rejected.Should().BeGreaterThan(650);
    }
}
