// SPDX-License-Identifier: Apache-2.0

using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Lineage.Wasm.Model;
using Lineage.Wasm.Text;
using Lineage.Wasm.Validation;

namespace Lineage.Wasm.Tests.Text;

public sealed class WatParserTests
{
    /// <summary>Modules written with the abbreviations of the text format; wabt's wat2wasm is the oracle.</summary>
    private static readonly string[] s_modules =
    [
        "(module)",
        "(func (export \"f\") (param $a i32) (param i64 f32) (result i32) (local $l f64) (local i32 i32 f64) local.get $a)",
        "(module $m (type $t (func (param i32) (result i32))) (func $f (type $t) local.get 0) (func (type $t) (param $x i32) (result i32) (call $f (local.get $x))))",
        "(module (func $a (result i32 i64) (block $b (param) (result i32 i64) (i32.const 1) (i64.const 2))) (func (call $a) drop drop))",
        "(module (func (param i32) (result i32) (if (result i32) (local.get 0) (then (i32.const 1)) (else (i32.const 2)))))",
        "(module (func (param i32) (result i32) local.get 0 if $l (result i32) i32.const 1 else $l i32.const 2 end $l))",
        "(module (func (block $outer (loop $inner (br_if $inner (i32.const 0)) (br_table $inner $outer 0 (i32.const 1))))))",
        "(module (func (if (i32.const 1) (then) (else))))",
        "(module (import \"m\" \"f\" (func $i (param i32))) (import \"m\" \"t\" (table 1 2 funcref)) (import \"m\" \"mem\" (memory 1)) (import \"m\" \"g\" (global (mut i64))))",
        "(module (func $f (import \"m\" \"f\") (result i32)) (global $g (import \"m\" \"g\") f32) (table $t (export \"t\") (import \"m\" \"t\") 1 externref) (memory (import \"m\" \"mem\") 0 1))",
        "(module (memory (export \"m\") (data \"hello\" \"\\00\\ff\\u{1F600}\")) (data (i32.const 8) \"x\") (data $p \"passive\") (func (memory.init $p (i32.const 0) (i32.const 0) (i32.const 1)) (data.drop $p)))",
        "(module (table $t funcref (elem $f $g)) (func $f) (func $g) (elem (i32.const 0) $g) (elem (table $t) (offset (i32.const 1)) func $f) (elem declare func $f) (elem $e funcref (ref.func $f) (ref.null func)) (elem externref (item ref.null extern)))",
        "(module (table 2 funcref) (table $u 3 funcref) (elem (table $u) (i32.const 0) funcref (ref.func 0)) (func (table.init $u 0 (i32.const 0) (i32.const 0) (i32.const 0)) (table.copy $u 0 (i32.const 0) (i32.const 0) (i32.const 0)) (elem.drop 0) (drop (table.grow $u (ref.null func) (i32.const 1)))))",
        "(module (global $g (mut i32) (i32.const -1)) (global i64 (i64.const 0x7fff_ffff_ffff_ffff)) (global f32 (f32.const -0x1.8p-3)) (global f64 (f64.const nan:0x4)) (global funcref (ref.func 0)) (func (global.set $g (global.get 0))) (start 0))",
        "(module (memory 1) (func (param i32) (result i64) (i64.load32_u offset=8 align=2 (local.get 0)) (i32.store16 offset=0x10 (local.get 0) (i32.const 7)) (drop (memory.grow (memory.size)))))",
        "(module (memory 1) (func (param v128 i32) (result v128) (drop (i8x16.shuffle 0 17 2 19 4 21 6 23 8 25 10 27 12 29 14 31 (local.get 0) (local.get 0))) (drop (v128.load8_lane offset=1 3 (local.get 1) (local.get 0))) (drop (i32x4.replace_lane 2 (local.get 0) (i32x4.extract_lane 1 (local.get 0)))) (drop (f64x2.splat (f64.const 1.5))) (v128.bitselect (v128.const i16x8 1 -1 0x7fff -32768 0 0 0 65535) (v128.const f32x4 1 -inf nan 0x1p-149) (i8x16.eq (local.get 0) (local.get 0)))))",
        "(module (type (func)) (func (param funcref externref) (result i32) (select (result i32) (i32.const 1) (i32.const 2) (i32.const 0)) (call_indirect (type 0) (i32.const 0)) (ref.is_null (local.get 1)) drop) (table 1 funcref))",
        "(func $only_fields) (memory 0) (func (export \"f\") (call $only_fields))",
    ];

    public static TheoryData<string> Modules => [.. s_modules];

    [Theory]
    [MemberData(nameof(Modules))]
    public void Modules_are_encoded_exactly_like_wat2wasm(string text) =>
        Convert.ToHexString(WatParser.ParseModule(text)).Should().Be(Convert.ToHexString(Wat.Assemble(text)));

    [Theory]
    [InlineData("consumer")]
    [InlineData("control")]
    [InlineData("limits")]
    [InlineData("memory")]
    [InlineData("numeric")]
    [InlineData("provider")]
    [InlineData("simd")]
    public void The_runtime_test_modules_are_encoded_exactly_like_wat2wasm(string name)
    {
        var text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Modules", name + ".wat"));
        Convert.ToHexString(WatParser.ParseModule(text)).Should().Be(Convert.ToHexString(Wat.Assemble(text)));
    }

    [Theory]
    [InlineData("(module (func i32.const0))", "unknown operator", 1, 15)]
    [InlineData("(module\n  (func block $a end $b))", "mismatching label", 2, 22)]
    [InlineData("(module (func (br $nowhere)))", "unknown label", 1, 19)]
    [InlineData("(module (func (i32.const 4294967296)))", "constant out of range", 1, 26)]
    [InlineData("(module (func (f32.const 0x1p128)))", "constant out of range", 1, 26)]
    [InlineData("(module (func) (import \"m\" \"f\" (func)))", "import after func", 1, 17)]
    [InlineData("(module (func $f) (func $f))", "duplicate func", 1, 25)]
    [InlineData("(module (func (param $x i32) (local $x i32)))", "duplicate local", 1, 37)]
    [InlineData("(module (type $t (func)) (func (type $t) (param i32)))", "inline function type", 1, 32)]
    [InlineData("(module (memory 1) (func (i32.load align=3 (i32.const 0))))", "alignment must be a power of two", 1, 36)]
    [InlineData("(module (func (v128.const i32x4 1 2 3)))", "wrong number of lane literals", 1, 38)]
    [InlineData("(module (func (i8x16.extract_lane_s 16x (v128.const i64x2 0 0))))", "unexpected token", 1, 37)]
    [InlineData("(module (export \"\\ff\" (func 0)))", "malformed UTF-8 encoding", 1, 17)]
    [InlineData("(module (start 0) (start 0))", "multiple start sections", 1, 20)]
    [InlineData("(module (func (; unclosed", "unclosed comment", 1, 15)]
    [InlineData("(module (data \"\\q\"))", "malformed escape", 1, 16)]
    [InlineData("(module (data $l\"a\"))", "unknown operator", 1, 15)]
    [InlineData("(module (func (nop) (local i32)))", "unexpected token", 1, 22)]
    [InlineData("(module (func)", "unexpected end of input", 1, 15)]
    public void Malformed_text_is_rejected_with_reason_and_position(string text, string reason, int line, int column)
    {
        var act = () => WatParser.ParseModule(text);
        var error = act.Should().Throw<WatFormatException>().Which;
        error.Reason.Should().StartWith(reason);
        (error.Line, error.Column).Should().Be((line, column));
        error.Offset.Should().Be(OffsetOf(text, line, column));
    }

    [Fact]
    public void Invalid_source_bytes_are_reported_at_their_offset()
    {
        byte[] source = [.. "(module) ;; "u8, 0xC3, 0x28];
        var act = () => WatParser.ParseModule(source);
        act.Should().Throw<WatFormatException>().Which.Should().Match<WatFormatException>(e => e.Reason == "malformed UTF-8 encoding" && e.Offset == 12);
    }

    [Theory]
    [InlineData("(block ", ")")]
    [InlineData("block ", "end ")]
    [InlineData("(i32.eqz ", ")")]
    public void Nesting_deeper_than_the_stack_allows_is_a_format_error_not_a_crash(string open, string close)
    {
        const int Depth = 200_000;
        var text = "(module (func " + string.Concat(Enumerable.Repeat(open, Depth)) + string.Concat(Enumerable.Repeat(close, Depth)) + "))";
        var act = () => WatParser.ParseModule(text);
        act.Should().Throw<WatFormatException>().Which.Reason.Should().Be("instructions nested too deeply");
    }

    [Fact]
    public void Deep_but_reasonable_nesting_parses()
    {
        var text = "(module (func (result i32) " + string.Concat(Enumerable.Repeat("(i32.eqz ", 1000)) + "(i32.const 0)" + new string(')', 1000) + "))";
        WatParser.ParseModule(text).Should().NotBeEmpty();
    }

    [Fact]
    public void Typing_errors_are_left_to_the_validator()
    {
        var module = WasmModule.Decode(WatParser.ParseModule("(module (func (result i32) (i64.const 0)))"));
        var act = () => Validator.Validate(module);
        act.Should().Throw<WasmValidationException>().Which.Reason.Should().StartWith("type mismatch");
    }

    [Fact]
    public void Binary_and_quoted_modules_are_accepted()
    {
        WatParser.ParseModule("(module binary \"\\00asm\" \"\\01\\00\\00\\00\")").Should().Equal(0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00);
        WatParser.ParseModule("(module quote \"(func\" \" (nop))\")").Should().Equal(WatParser.ParseModule("(module (func nop))"));
    }

    [Fact]
    public void Every_prefix_and_mutation_of_a_module_is_parsed_or_rejected_with_a_format_error()
    {
        var text = Encoding.UTF8.GetBytes(string.Join(' ', s_modules.Where(m => !m.Contains("$m", StringComparison.Ordinal)).Select(m => m.StartsWith("(module", StringComparison.Ordinal) ? m[7..^1] : m)));
        Prop.ForAll(Gen.Choose(0, text.Length).ToArbitrary(), Gen.Choose(0, 255).ToArbitrary(), (cut, replacement) =>
        {
            var truncated = text.AsSpan(0, cut).ToArray();
            var mutated = (byte[])text.Clone();
            mutated[Math.Min(cut, text.Length - 1)] = (byte)replacement;
            return ParsesOrFormatError(truncated) && ParsesOrFormatError(mutated);
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(2000));
    }

    private static bool ParsesOrFormatError(byte[] source)
    {
        try
        {
            WatParser.ParseModule(source);
            return true;
        }
        catch (WatFormatException)
        {
            return true;
        }
    }

    private static int OffsetOf(string text, int line, int column)
    {
        var offset = 0;
        for (var l = 1; l < line; l++)
        {
            offset = text.IndexOf('\n', offset) + 1;
        }

        return Encoding.UTF8.GetByteCount(text.AsSpan(0, offset)) + column - 1;
    }
}
