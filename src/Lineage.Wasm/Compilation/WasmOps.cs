// SPDX-License-Identifier: Apache-2.0

using System.Runtime.CompilerServices;
using Lineage.Wasm.Runtime;

namespace Lineage.Wasm.Compilation;

/// <summary>
/// Helpers called by compiled code for operations that are not a few IL instructions: traps, trapping and
/// saturating conversions, signed remainder, unsigned 64-bit to float conversion. Hot ones are small enough for
/// the JIT to inline; trap construction stays out of line.
/// </summary>
internal static partial class WasmOps
{
    /// <summary>Creates the trap for <paramref name="code"/>; compiled code throws the result.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static Exception Trap(int code) => new WasmTrapException((TrapCode)code);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int I32RemS(int a, int b) => b == -1 ? 0 : a % b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long I64RemS(long a, long b) => b == -1 ? 0 : a % b;

    public static int I32TruncF32S(float x) =>
        x >= -2147483648f && x < 2147483648f ? (int)x : throw TruncTrap(x);

    public static int I32TruncF32U(float x) =>
        x > -1f && x < 4294967296f ? (int)(uint)x : throw TruncTrap(x);

    public static int I32TruncF64S(double x) =>
        x > -2147483649d && x < 2147483648d ? (int)x : throw TruncTrap(x);

    public static int I32TruncF64U(double x) =>
        x > -1d && x < 4294967296d ? (int)(uint)x : throw TruncTrap(x);

    public static long I64TruncF32S(float x) =>
        x >= -9223372036854775808f && x < 9223372036854775808f ? (long)x : throw TruncTrap(x);

    public static long I64TruncF32U(float x) =>
        x > -1f && x < 18446744073709551616f ? (long)(ulong)x : throw TruncTrap(x);

    public static long I64TruncF64S(double x) =>
        x >= -9223372036854775808d && x < 9223372036854775808d ? (long)x : throw TruncTrap(x);

    public static long I64TruncF64U(double x) =>
        x > -1d && x < 18446744073709551616d ? (long)(ulong)x : throw TruncTrap(x);

    // .NET 9 and later make float-to-integer casts saturating (NaN gives 0) on every platform, which is exactly
    // the trunc_sat semantics.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int I32TruncSatF32S(float x) => (int)x;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int I32TruncSatF32U(float x) => (int)(uint)x;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int I32TruncSatF64S(double x) => (int)x;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int I32TruncSatF64U(double x) => (int)(uint)x;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long I64TruncSatF32S(float x) => (long)x;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long I64TruncSatF32U(float x) => (long)(ulong)x;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long I64TruncSatF64S(double x) => (long)x;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long I64TruncSatF64U(double x) => (long)(ulong)x;

    /// <summary>
    /// f32 → f64. A NaN gets its quiet bit set explicitly: RyuJIT folds <c>(float)(double)x</c> to <c>x</c>, which
    /// would let a signalling NaN through <c>f32.demote_f64 (f64.promote_f32 x)</c> unquietened (spec: the result of
    /// an arithmetic operation on a NaN is an arithmetic NaN).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double F64PromoteF32(float x) =>
        float.IsNaN(x) ? BitConverter.UInt64BitsToDouble(BitConverter.DoubleToUInt64Bits(x) | 0x0008_0000_0000_0000) : x;

    /// <summary>u64 → f32 with a single rounding (going through double would round twice).</summary>
    public static float F32ConvertI64U(long value)
    {
        var x = (ulong)value;
        if ((long)x >= 0)
        {
            return (long)x;
        }

        // Halve, keeping the lost bit as a sticky bit so round-to-nearest-even stays exact.
        var half = (x >> 1) | (x & 1);
        return (long)half * 2f;
    }

    /// <summary>u64 → f64 with a single rounding.</summary>
    public static double F64ConvertI64U(long value)
    {
        var x = (ulong)value;
        if ((long)x >= 0)
        {
            return (long)x;
        }

        var half = (x >> 1) | (x & 1);
        return (long)half * 2d;
    }

    /// <summary>An f32 from its bits, kept out of line so the JIT cannot fold a signalling NaN into a quiet one.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static float F32FromBits(int bits) => BitConverter.Int32BitsToSingle(bits);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float F32Nearest(float x) => MathF.Round(x, MidpointRounding.ToEven);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double F64Nearest(double x) => Math.Round(x, MidpointRounding.ToEven);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WasmTrapException TruncTrap(double x) =>
        new(double.IsNaN(x) ? TrapCode.InvalidConversionToInteger : TrapCode.IntegerOverflow);
}
