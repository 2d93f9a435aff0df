// SPDX-License-Identifier: Apache-2.0

using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using V = System.Runtime.Intrinsics.Vector128<byte>;

namespace Lineage.Wasm.Compilation.Simd;

/// <summary>
/// SIMD operations written lane by lane, exactly as the specification defines them: saturating and rounding
/// integer operations, NaN- and sign-exact float min/max/rounding, and conversions.
/// </summary>
internal static partial class SimdOps
{
    public static V I8x16Popcnt(V a)
    {
        var s = Lanes<byte>(ref a);
        for (var i = 0; i < s.Length; i++)
        {
            s[i] = (byte)BitOperations.PopCount(s[i]);
        }

        return a;
    }

    public static V I8x16NarrowI16x8S(V a, V b)
    {
        var x = Lanes<short>(ref a);
        var y = Lanes<short>(ref b);
        V r = default;
        var o = Lanes<sbyte>(ref r);
        for (var i = 0; i < 8; i++)
        {
            o[i] = (sbyte)Math.Clamp(x[i], sbyte.MinValue, sbyte.MaxValue);
            o[i + 8] = (sbyte)Math.Clamp(y[i], sbyte.MinValue, sbyte.MaxValue);
        }

        return r;
    }

    public static V I8x16NarrowI16x8U(V a, V b)
    {
        var x = Lanes<short>(ref a);
        var y = Lanes<short>(ref b);
        V r = default;
        var o = Lanes<byte>(ref r);
        for (var i = 0; i < 8; i++)
        {
            o[i] = (byte)Math.Clamp(x[i], byte.MinValue, byte.MaxValue);
            o[i + 8] = (byte)Math.Clamp(y[i], byte.MinValue, byte.MaxValue);
        }

        return r;
    }

    public static V I16x8NarrowI32x4S(V a, V b)
    {
        var x = Lanes<int>(ref a);
        var y = Lanes<int>(ref b);
        V r = default;
        var o = Lanes<short>(ref r);
        for (var i = 0; i < 4; i++)
        {
            o[i] = (short)Math.Clamp(x[i], short.MinValue, short.MaxValue);
            o[i + 4] = (short)Math.Clamp(y[i], short.MinValue, short.MaxValue);
        }

        return r;
    }

    public static V I16x8NarrowI32x4U(V a, V b)
    {
        var x = Lanes<int>(ref a);
        var y = Lanes<int>(ref b);
        V r = default;
        var o = Lanes<ushort>(ref r);
        for (var i = 0; i < 4; i++)
        {
            o[i] = (ushort)Math.Clamp(x[i], ushort.MinValue, ushort.MaxValue);
            o[i + 4] = (ushort)Math.Clamp(y[i], ushort.MinValue, ushort.MaxValue);
        }

        return r;
    }

    public static V I8x16AddSatS(V a, V b) => Saturate<sbyte>(a, b, static (x, y) => x + y, sbyte.MinValue, sbyte.MaxValue);

    public static V I8x16AddSatU(V a, V b) => Saturate<byte>(a, b, static (x, y) => x + y, byte.MinValue, byte.MaxValue);

    public static V I8x16SubSatS(V a, V b) => Saturate<sbyte>(a, b, static (x, y) => x - y, sbyte.MinValue, sbyte.MaxValue);

    public static V I8x16SubSatU(V a, V b) => Saturate<byte>(a, b, static (x, y) => x - y, byte.MinValue, byte.MaxValue);

    public static V I16x8AddSatS(V a, V b) => Saturate<short>(a, b, static (x, y) => x + y, short.MinValue, short.MaxValue);

    public static V I16x8AddSatU(V a, V b) => Saturate<ushort>(a, b, static (x, y) => x + y, ushort.MinValue, ushort.MaxValue);

    public static V I16x8SubSatS(V a, V b) => Saturate<short>(a, b, static (x, y) => x - y, short.MinValue, short.MaxValue);

    public static V I16x8SubSatU(V a, V b) => Saturate<ushort>(a, b, static (x, y) => x - y, ushort.MinValue, ushort.MaxValue);

    public static V I8x16AvgrU(V a, V b) => Saturate<byte>(a, b, static (x, y) => (x + y + 1) >> 1, byte.MinValue, byte.MaxValue);

    public static V I16x8AvgrU(V a, V b) => Saturate<ushort>(a, b, static (x, y) => (x + y + 1) >> 1, ushort.MinValue, ushort.MaxValue);

    public static V I16x8Q15mulrSatS(V a, V b) =>
        Saturate<short>(a, b, static (x, y) => (x * y + 0x4000) >> 15, short.MinValue, short.MaxValue);

    public static V I16x8ExtaddPairwiseI8x16S(V a)
    {
        var x = Lanes<sbyte>(ref a);
        V r = default;
        var o = Lanes<short>(ref r);
        for (var i = 0; i < 8; i++)
        {
            o[i] = (short)(x[2 * i] + x[(2 * i) + 1]);
        }

        return r;
    }

    public static V I16x8ExtaddPairwiseI8x16U(V a)
    {
        var x = Lanes<byte>(ref a);
        V r = default;
        var o = Lanes<ushort>(ref r);
        for (var i = 0; i < 8; i++)
        {
            o[i] = (ushort)(x[2 * i] + x[(2 * i) + 1]);
        }

        return r;
    }

    public static V I32x4ExtaddPairwiseI16x8S(V a)
    {
        var x = Lanes<short>(ref a);
        V r = default;
        var o = Lanes<int>(ref r);
        for (var i = 0; i < 4; i++)
        {
            o[i] = x[2 * i] + x[(2 * i) + 1];
        }

        return r;
    }

    public static V I32x4ExtaddPairwiseI16x8U(V a)
    {
        var x = Lanes<ushort>(ref a);
        V r = default;
        var o = Lanes<uint>(ref r);
        for (var i = 0; i < 4; i++)
        {
            o[i] = (uint)(x[2 * i] + x[(2 * i) + 1]);
        }

        return r;
    }

    public static V I32x4DotI16x8S(V a, V b)
    {
        var x = Lanes<short>(ref a);
        var y = Lanes<short>(ref b);
        V r = default;
        var o = Lanes<int>(ref r);
        for (var i = 0; i < 4; i++)
        {
            o[i] = unchecked((x[2 * i] * y[2 * i]) + (x[(2 * i) + 1] * y[(2 * i) + 1]));
        }

        return r;
    }

    public static V F32x4Min(V a, V b) => MapSingle(a, b, static (x, y) => QuietNaN(MathF.Min(x, y)));

    public static V F32x4Max(V a, V b) => MapSingle(a, b, static (x, y) => QuietNaN(MathF.Max(x, y)));

    public static V F64x2Min(V a, V b) => MapDouble(a, b, static (x, y) => QuietNaN(Math.Min(x, y)));

    public static V F64x2Max(V a, V b) => MapDouble(a, b, static (x, y) => QuietNaN(Math.Max(x, y)));

    public static V F32x4Ceil(V a) => MapSingle(a, a, static (x, _) => MathF.Ceiling(x));

    public static V F32x4Floor(V a) => MapSingle(a, a, static (x, _) => MathF.Floor(x));

    public static V F32x4Trunc(V a) => MapSingle(a, a, static (x, _) => MathF.Truncate(x));

    public static V F32x4Nearest(V a) => MapSingle(a, a, static (x, _) => MathF.Round(x, MidpointRounding.ToEven));

    public static V F64x2Ceil(V a) => MapDouble(a, a, static (x, _) => Math.Ceiling(x));

    public static V F64x2Floor(V a) => MapDouble(a, a, static (x, _) => Math.Floor(x));

    public static V F64x2Trunc(V a) => MapDouble(a, a, static (x, _) => Math.Truncate(x));

    public static V F64x2Nearest(V a) => MapDouble(a, a, static (x, _) => Math.Round(x, MidpointRounding.ToEven));

    public static V F32x4ConvertI32x4S(V a)
    {
        var x = Lanes<int>(ref a);
        return Vector128.Create((float)x[0], (float)x[1], (float)x[2], (float)x[3]).AsByte();
    }

    public static V F32x4ConvertI32x4U(V a)
    {
        var x = Lanes<uint>(ref a);
        return Vector128.Create((float)x[0], (float)x[1], (float)x[2], (float)x[3]).AsByte();
    }

    public static V I32x4TruncSatF32x4S(V a)
    {
        var x = Lanes<float>(ref a);
        return Vector128.Create((int)x[0], (int)x[1], (int)x[2], (int)x[3]).AsByte();
    }

    public static V I32x4TruncSatF32x4U(V a)
    {
        var x = Lanes<float>(ref a);
        return Vector128.Create((uint)x[0], (uint)x[1], (uint)x[2], (uint)x[3]).AsByte();
    }

    public static V I32x4TruncSatF64x2SZero(V a)
    {
        var x = Lanes<double>(ref a);
        return Vector128.Create((int)x[0], (int)x[1], 0, 0).AsByte();
    }

    public static V I32x4TruncSatF64x2UZero(V a)
    {
        var x = Lanes<double>(ref a);
        return Vector128.Create((uint)x[0], (uint)x[1], 0, 0).AsByte();
    }

    public static V F64x2ConvertLowI32x4S(V a)
    {
        var x = Lanes<int>(ref a);
        return Vector128.Create((double)x[0], x[1]).AsByte();
    }

    public static V F64x2ConvertLowI32x4U(V a)
    {
        var x = Lanes<uint>(ref a);
        return Vector128.Create((double)x[0], x[1]).AsByte();
    }

    public static V F32x4DemoteF64x2Zero(V a)
    {
        var x = Lanes<double>(ref a);
        return Vector128.Create((float)x[0], (float)x[1], 0f, 0f).AsByte();
    }

    public static V F64x2PromoteLowF32x4(V a)
    {
        var x = Lanes<float>(ref a);
        return Vector128.Create((double)x[0], x[1]).AsByte();
    }

    /// <summary>A NaN result of an arithmetic operation must be quiet (an "arithmetic NaN").</summary>
    private static float QuietNaN(float x) =>
        float.IsNaN(x) ? BitConverter.Int32BitsToSingle(BitConverter.SingleToInt32Bits(x) | 0x0040_0000) : x;

    private static double QuietNaN(double x) =>
        double.IsNaN(x) ? BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(x) | 0x0008_0000_0000_0000) : x;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Span<T> Lanes<T>(ref V vector)
        where T : struct => MemoryMarshal.CreateSpan(ref Unsafe.As<V, T>(ref vector), 16 / Unsafe.SizeOf<T>());

    private static V Saturate<T>(V a, V b, Func<int, int, int> operation, int min, int max)
        where T : struct, IBinaryInteger<T>
    {
        var x = Lanes<T>(ref a);
        var y = Lanes<T>(ref b);
        V r = default;
        var o = Lanes<T>(ref r);
        for (var i = 0; i < o.Length; i++)
        {
            o[i] = T.CreateTruncating(Math.Clamp(operation(int.CreateTruncating(x[i]), int.CreateTruncating(y[i])), min, max));
        }

        return r;
    }

    private static V MapSingle(V a, V b, Func<float, float, float> operation)
    {
        var x = Lanes<float>(ref a);
        var y = Lanes<float>(ref b);
        return Vector128.Create(operation(x[0], y[0]), operation(x[1], y[1]), operation(x[2], y[2]), operation(x[3], y[3])).AsByte();
    }

    private static V MapDouble(V a, V b, Func<double, double, double> operation)
    {
        var x = Lanes<double>(ref a);
        var y = Lanes<double>(ref b);
        return Vector128.Create(operation(x[0], y[0]), operation(x[1], y[1])).AsByte();
    }
}
