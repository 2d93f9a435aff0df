// SPDX-License-Identifier: Apache-2.0

using Lineage.Wasm.Runtime;

namespace Lineage.Wasm.Tests.Compilation;

public sealed class NumericTests : IDisposable
{
    private readonly WasmStore _store = new();
    private readonly WasmInstance _instance;

    public NumericTests()
    {
        _instance = Wat.InstantiateFile(_store, "numeric");
    }

    public void Dispose() => _store.Dispose();

    private int I32(string name, params int[] args) => args.Length switch
    {
        1 => _instance.GetFunction(name).Call<int, int>(args[0]),
        _ => _instance.GetFunction(name).Call<int, int, int>(args[0], args[1]),
    };

    private static TrapCode TrapOf(Action action) => Assert.Throws<WasmTrapException>(action).Code;

    [Theory]
    [InlineData("i32_add", 2147483647, 1, -2147483648)]
    [InlineData("i32_div_s", -7, 2, -3)]
    [InlineData("i32_div_u", -1, 2, 2147483647)]
    [InlineData("i32_rem_s", -7, 2, -1)]
    [InlineData("i32_rem_s", -2147483648, -1, 0)]
    [InlineData("i32_rem_u", -1, 10, 5)]
    [InlineData("i32_shl", 1, 33, 2)]
    [InlineData("i32_shr_s", -8, 1, -4)]
    [InlineData("i32_shr_u", -8, 33, 2147483644)]
    [InlineData("i32_rotl", -2147483647, 1, 3)]
    [InlineData("i32_rotr", 1, 1, -2147483648)]
    [InlineData("i32_lt_u", 1, -1, 1)]
    [InlineData("i32_ge_s", 1, -1, 1)]
    public void I32_binary_operations_follow_wasm_semantics(string name, int a, int b, int expected) =>
        I32(name, a, b).Should().Be(expected);

    [Theory]
    [InlineData("i32_clz", 0, 32)]
    [InlineData("i32_clz", 1, 31)]
    [InlineData("i32_ctz", 0, 32)]
    [InlineData("i32_ctz", 0x100, 8)]
    [InlineData("i32_popcnt", -1, 32)]
    [InlineData("i32_extend8_s", 0x80, -128)]
    [InlineData("i32_extend16_s", 0x7fff, 32767)]
    public void I32_unary_operations_follow_wasm_semantics(string name, int a, int expected) =>
        I32(name, a).Should().Be(expected);

    [Fact]
    public void I32_division_traps()
    {
        TrapOf(() => I32("i32_div_s", 1, 0)).Should().Be(TrapCode.IntegerDivideByZero);
        TrapOf(() => I32("i32_div_s", int.MinValue, -1)).Should().Be(TrapCode.IntegerOverflow);
        TrapOf(() => I32("i32_rem_u", 1, 0)).Should().Be(TrapCode.IntegerDivideByZero);
        TrapOf(() => I32("i32_rem_s", 1, 0)).Should().Be(TrapCode.IntegerDivideByZero);
    }

    [Fact]
    public void I64_operations_follow_wasm_semantics()
    {
        var f = _instance.GetFunction;
        f("i64_mul").Call<long, long, long>(long.MaxValue, 2).Should().Be(-2);
        f("i64_div_s").Call<long, long, long>(-9, 2).Should().Be(-4);
        f("i64_rem_s").Call<long, long, long>(long.MinValue, -1).Should().Be(0);
        f("i64_shl").Call<long, long, long>(1, 65).Should().Be(2);
        f("i64_rotr").Call<long, long, long>(1, 1).Should().Be(long.MinValue);
        f("i64_clz").Call<long, long>(1).Should().Be(63);
        f("i64_popcnt").Call<long, long>(-1).Should().Be(64);
        f("i64_eqz").Call<long, int>(0).Should().Be(1);
        f("i64_extend32_s").Call<long, long>(0x80000000).Should().Be(-2147483648);
        f("i64_extend_i32_u").Call<int, long>(-1).Should().Be(4294967295);
        f("i32_wrap").Call<long, int>(0x1_0000_0005).Should().Be(5);
        TrapOf(() => f("i64_div_s").Call<long, long, long>(long.MinValue, -1)).Should().Be(TrapCode.IntegerOverflow);
    }

    [Fact]
    public void Float_operations_follow_wasm_semantics()
    {
        var f = _instance.GetFunction;
        float.IsNaN(f("f32_min").Call<float, float, float>(float.NaN, 1)).Should().BeTrue();
        BitConverter.SingleToInt32Bits(f("f32_min").Call<float, float, float>(0f, -0f)).Should().Be(BitConverter.SingleToInt32Bits(-0f));
        BitConverter.DoubleToInt64Bits(f("f64_max").Call<double, double, double>(-0d, 0d)).Should().Be(0);
        f("f64_nearest").Call<double, double>(2.5).Should().Be(2);
        f("f64_nearest").Call<double, double>(-3.5).Should().Be(-4);
        f("f32_copysign").Call<float, float, float>(3, -0f).Should().Be(-3);
        f("f64_le").Call<double, double, int>(double.NaN, 1).Should().Be(0);
        f("f64_le").Call<double, double, int>(1, 1).Should().Be(1);
        f("f64_ne").Call<double, double, int>(double.NaN, double.NaN).Should().Be(1);
        BitConverter.SingleToInt32Bits(f("f32_neg").Call<float, float>(0f)).Should().Be(unchecked((int)0x80000000));
        f("f64_sqrt").Call<double, double>(16).Should().Be(4);
    }

    [Fact]
    public void Conversions_trap_or_saturate_as_specified()
    {
        var f = _instance.GetFunction;
        f("i32_trunc_f32_s").Call<float, int>(-3.9f).Should().Be(-3);
        TrapOf(() => f("i32_trunc_f32_s").Call<float, int>(float.NaN)).Should().Be(TrapCode.InvalidConversionToInteger);
        TrapOf(() => f("i32_trunc_f32_s").Call<float, int>(2147483648f)).Should().Be(TrapCode.IntegerOverflow);
        f("i32_trunc_f64_u").Call<double, int>(4294967295d).Should().Be(-1);
        TrapOf(() => f("i32_trunc_f64_u").Call<double, int>(-1d)).Should().Be(TrapCode.IntegerOverflow);
        f("i32_trunc_f64_u").Call<double, int>(-0.9d).Should().Be(0);
        TrapOf(() => f("i64_trunc_f64_s").Call<double, long>(9223372036854775808d)).Should().Be(TrapCode.IntegerOverflow);
        f("i32_trunc_sat_f32_s").Call<float, int>(float.NaN).Should().Be(0);
        f("i32_trunc_sat_f32_s").Call<float, int>(-1e20f).Should().Be(int.MinValue);
        f("i64_trunc_sat_f64_u").Call<double, long>(1e30).Should().Be(-1);
        f("i64_trunc_sat_f64_u").Call<double, long>(-5).Should().Be(0);
        f("f32_convert_i64_u").Call<long, float>(-1).Should().Be(18446744073709551616f);
        // 2^63 + 2^39 + 1 rounds up to 2^63 + 2^40 only with a single rounding.
        f("f32_convert_i64_u").Call<long, float>(unchecked((long)0x8000008000000001)).Should().Be(9223373136366403584f);
        f("f64_convert_i64_u").Call<long, double>(-1).Should().Be(18446744073709551616d);
        f("f32_convert_i32_u").Call<int, float>(-1).Should().Be(4294967296f);
        f("f32_demote").Call<double, float>(1e300).Should().Be(float.PositiveInfinity);
        f("i32_reinterpret").Call<float, int>(-0f).Should().Be(int.MinValue);
        BitConverter.DoubleToInt64Bits(f("f64_reinterpret").Call<long, double>(0x7ff4000000000001)).Should().Be(0x7ff4000000000001);
    }
}
