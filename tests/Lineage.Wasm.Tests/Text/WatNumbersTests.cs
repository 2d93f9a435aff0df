// SPDX-License-Identifier: Apache-2.0

using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Lineage.Wasm.Text;

namespace Lineage.Wasm.Tests.Text;

public sealed class WatNumbersTests
{
    [Theory]
    [InlineData("0", 32, 0UL)]
    [InlineData("4294967295", 32, 0xFFFF_FFFFUL)]
    [InlineData("-2147483648", 32, 0x8000_0000UL)]
    [InlineData("-1", 32, 0xFFFF_FFFFUL)]
    [InlineData("+42", 32, 42UL)]
    [InlineData("0xffff_ffff", 32, 0xFFFF_FFFFUL)]
    [InlineData("1_000_000", 32, 1_000_000UL)]
    [InlineData("0x8000000000000000", 64, 0x8000_0000_0000_0000UL)]
    [InlineData("-9223372036854775808", 64, 0x8000_0000_0000_0000UL)]
    [InlineData("18446744073709551615", 64, ulong.MaxValue)]
    [InlineData("-128", 8, 0x80UL)]
    [InlineData("255", 8, 0xFFUL)]
    public void Integers_parse_to_their_bit_pattern(string text, int bits, ulong expected)
    {
        WatNumbers.ParseInteger(Encoding.ASCII.GetBytes(text), bits, out var value).Should().Be(WatNumbers.Result.Ok);
        value.Should().Be(expected);
    }

    [Theory]
    [InlineData("4294967296", 32)]
    [InlineData("-2147483649", 32)]
    [InlineData("+2147483648", 32)]
    [InlineData("18446744073709551616", 64)]
    [InlineData("256", 8)]
    [InlineData("-129", 8)]
    public void Integers_outside_the_type_are_out_of_range(string text, int bits) =>
        WatNumbers.ParseInteger(Encoding.ASCII.GetBytes(text), bits, out _).Should().Be(WatNumbers.Result.Range);

    [Theory]
    [InlineData("")]
    [InlineData("0x")]
    [InlineData("1x")]
    [InlineData("0xg")]
    [InlineData("_1")]
    [InlineData("1_")]
    [InlineData("1__0")]
    [InlineData("+_1")]
    [InlineData("--1")]
    [InlineData("1.0")]
    public void Malformed_integers_are_syntax_errors(string text) =>
        WatNumbers.ParseInteger(Encoding.ASCII.GetBytes(text), 32, out _).Should().Be(WatNumbers.Result.Syntax);

    [Theory]
    [InlineData("0", 0x0000_0000u)]
    [InlineData("-0", 0x8000_0000u)]
    [InlineData("1", 0x3F80_0000u)]
    [InlineData("0x1p-149", 0x0000_0001u)]
    [InlineData("0x1p-150", 0x0000_0000u)]
    [InlineData("0x1.000002p-150", 0x0000_0001u)]
    [InlineData("0x1.fffffcp-127", 0x007F_FFFFu)]
    [InlineData("0x1.fffffep-127", 0x0080_0000u)]
    [InlineData("0x1.fffffep127", 0x7F7F_FFFFu)]
    [InlineData("0x1.fffffefffffffffffp127", 0x7F7F_FFFFu)]
    [InlineData("0x1.000001p0", 0x3F80_0000u)]
    [InlineData("0x1.000003p0", 0x3F80_0002u)]
    [InlineData("0x1.00000100000000000001p0", 0x3F80_0001u)]
    [InlineData("1e38", 0x7E96_7699u)]
    [InlineData("1.", 0x3F80_0000u)]
    [InlineData("1.e1", 0x4120_0000u)]
    [InlineData("0x1.p1", 0x4000_0000u)]
    [InlineData("inf", 0x7F80_0000u)]
    [InlineData("-inf", 0xFF80_0000u)]
    [InlineData("nan", 0x7FC0_0000u)]
    [InlineData("-nan", 0xFFC0_0000u)]
    [InlineData("nan:0x200000", 0x7FA0_0000u)]
    [InlineData("nan:0x7f_ffff", 0x7FFF_FFFFu)]
    [InlineData("1_0.2_5e0_1", 0x42CD_0000u)]
    public void F32_literals_round_to_nearest_even(string text, uint expected)
    {
        WatNumbers.ParseFloat32(Encoding.ASCII.GetBytes(text), out var bits).Should().Be(WatNumbers.Result.Ok);
        bits.Should().Be(expected, text);
    }

    [Theory]
    [InlineData("0x1p-1074", 0x0000_0000_0000_0001UL)]
    [InlineData("0x1p-1075", 0x0000_0000_0000_0000UL)]
    [InlineData("0x1.0000000000001p-1075", 0x0000_0000_0000_0001UL)]
    [InlineData("0x1.fffffffffffffp1023", 0x7FEF_FFFF_FFFF_FFFFUL)]
    [InlineData("0x1.fffffffffffff7ffffffp1023", 0x7FEF_FFFF_FFFF_FFFFUL)]
    [InlineData("0x.8p1", 0UL)]
    [InlineData("nan:0x8000000000000", 0x7FF8_0000_0000_0000UL)]
    [InlineData("nan:0x1", 0x7FF0_0000_0000_0001UL)]
    [InlineData("0x1.8p1", 0x4008_0000_0000_0000UL)]
    public void F64_literals_round_to_nearest_even(string text, ulong expected)
    {
        var result = WatNumbers.ParseFloat64(Encoding.ASCII.GetBytes(text), out var bits);
        if (text == "0x.8p1")
        {
            result.Should().Be(WatNumbers.Result.Syntax, "a hex float needs a digit before the point");
            return;
        }

        result.Should().Be(WatNumbers.Result.Ok);
        bits.Should().Be(expected, text);
    }

    [Theory]
    [InlineData("0x1p128")]
    [InlineData("0x1.ffffffp127")]
    [InlineData("1e39")]
    [InlineData("nan:0x0")]
    [InlineData("nan:0x800000")]
    public void F32_literals_that_round_to_infinity_are_out_of_range(string text) =>
        WatNumbers.ParseFloat32(Encoding.ASCII.GetBytes(text), out _).Should().Be(WatNumbers.Result.Range);

    [Theory]
    [InlineData(".0")]
    [InlineData("0e")]
    [InlineData("0e+")]
    [InlineData("0x0p")]
    [InlineData("0x0.0p-")]
    [InlineData("0x0pA")]
    [InlineData("nan:arithmetic")]
    [InlineData("infinity")]
    [InlineData("1.0_")]
    public void Malformed_floats_are_syntax_errors(string text) =>
        WatNumbers.ParseFloat64(Encoding.ASCII.GetBytes(text), out _).Should().Be(WatNumbers.Result.Syntax);

    [Fact]
    public void Every_double_round_trips_through_its_shortest_decimal_and_its_hex_form() =>
        Prop.ForAll<ulong>(raw =>
        {
            var value = BitConverter.UInt64BitsToDouble(raw);
            if (!double.IsFinite(value))
            {
                return true;
            }

            var decimalText = value.ToString("R", CultureInfo.InvariantCulture).ToLowerInvariant().Replace("e+", "e", StringComparison.Ordinal);
            return WatNumbers.ParseFloat64(Encoding.ASCII.GetBytes(decimalText), out var fromDecimal) == WatNumbers.Result.Ok
                && fromDecimal == raw
                && WatNumbers.ParseFloat64(Encoding.ASCII.GetBytes(HexForm(raw)), out var fromHex) == WatNumbers.Result.Ok
                && fromHex == raw;
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(5000));

    [Fact]
    public void Hex_f32_literals_with_extra_bits_round_like_the_runtime_conversion() =>
        Prop.ForAll<ulong>(raw =>
        {
            // Any double written in hex, parsed as f32, must equal the correctly rounded (float)double.
            var value = BitConverter.UInt64BitsToDouble(raw);
            if (!double.IsFinite(value) || Math.Abs(value) >= 3.4028235677973366e38)
            {
                return true;
            }

            return WatNumbers.ParseFloat32(Encoding.ASCII.GetBytes(HexForm(raw)), out var bits) == WatNumbers.Result.Ok
                && bits == BitConverter.SingleToUInt32Bits((float)value);
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(5000));

    /// <summary>The exact hex-float spelling of a finite double (subnormals as 0x0.…p-1022).</summary>
    private static string HexForm(ulong raw)
    {
        var sign = (raw >> 63) != 0 ? "-" : string.Empty;
        var exponent = (int)((raw >> 52) & 0x7FF);
        var fraction = raw & 0x000F_FFFF_FFFF_FFFF;
        return exponent == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{sign}0x0.{fraction:x13}p-1022")
            : string.Create(CultureInfo.InvariantCulture, $"{sign}0x1.{fraction:x13}p{exponent - 1023}");
    }
}
