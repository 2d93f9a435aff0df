// SPDX-License-Identifier: Apache-2.0

using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using V = System.Runtime.Intrinsics.Vector128<byte>;

namespace Lineage.Wasm.Compilation.Simd;

/// <summary>
/// SIMD operations on <c>v128</c> (carried as <see cref="Vector128{T}"/> of bytes). Each public method is named
/// after its <see cref="Instructions.Opcode"/> and called by compiled code; a trailing <c>lane</c> parameter
/// receives the lane immediate. Common operations map to <see cref="Vector128"/> intrinsics; rare ones use
/// straightforward per-lane code that follows the specification literally.
/// </summary>
internal static partial class SimdOps
{
    private const MethodImplOptions Inline = MethodImplOptions.AggressiveInlining;

    // Constants, splats, lanes.
    [MethodImpl(Inline)] public static V I8x16Splat(int x) => Vector128.Create((byte)x);
    [MethodImpl(Inline)] public static V I16x8Splat(int x) => Vector128.Create((short)x).AsByte();
    [MethodImpl(Inline)] public static V I32x4Splat(int x) => Vector128.Create(x).AsByte();
    [MethodImpl(Inline)] public static V I64x2Splat(long x) => Vector128.Create(x).AsByte();
    [MethodImpl(Inline)] public static V F32x4Splat(float x) => Vector128.Create(x).AsByte();
    [MethodImpl(Inline)] public static V F64x2Splat(double x) => Vector128.Create(x).AsByte();
    [MethodImpl(Inline)] public static int I8x16ExtractLaneS(V v, int lane) => v.AsSByte().GetElement(lane);
    [MethodImpl(Inline)] public static int I8x16ExtractLaneU(V v, int lane) => v.GetElement(lane);
    [MethodImpl(Inline)] public static int I16x8ExtractLaneS(V v, int lane) => v.AsInt16().GetElement(lane);
    [MethodImpl(Inline)] public static int I16x8ExtractLaneU(V v, int lane) => v.AsUInt16().GetElement(lane);
    [MethodImpl(Inline)] public static int I32x4ExtractLane(V v, int lane) => v.AsInt32().GetElement(lane);
    [MethodImpl(Inline)] public static long I64x2ExtractLane(V v, int lane) => v.AsInt64().GetElement(lane);
    [MethodImpl(Inline)] public static float F32x4ExtractLane(V v, int lane) => v.AsSingle().GetElement(lane);
    [MethodImpl(Inline)] public static double F64x2ExtractLane(V v, int lane) => v.AsDouble().GetElement(lane);
    [MethodImpl(Inline)] public static V I8x16ReplaceLane(V v, int x, int lane) => v.WithElement(lane, (byte)x);
    [MethodImpl(Inline)] public static V I16x8ReplaceLane(V v, int x, int lane) => v.AsInt16().WithElement(lane, (short)x).AsByte();
    [MethodImpl(Inline)] public static V I32x4ReplaceLane(V v, int x, int lane) => v.AsInt32().WithElement(lane, x).AsByte();
    [MethodImpl(Inline)] public static V I64x2ReplaceLane(V v, long x, int lane) => v.AsInt64().WithElement(lane, x).AsByte();
    [MethodImpl(Inline)] public static V F32x4ReplaceLane(V v, float x, int lane) => v.AsSingle().WithElement(lane, x).AsByte();
    [MethodImpl(Inline)] public static V F64x2ReplaceLane(V v, double x, int lane) => v.AsDouble().WithElement(lane, x).AsByte();

    [MethodImpl(Inline)]
    public static V I8x16Shuffle(V a, V b, long low, long high)
    {
        var indices = Vector128.Create(low, high).AsByte();
        return Vector128.Shuffle(a, indices) | Vector128.Shuffle(b, indices - Vector128.Create((byte)16));
    }

    [MethodImpl(Inline)] public static V I8x16Swizzle(V a, V s) => Vector128.Shuffle(a, s);

    // Bitwise.
    [MethodImpl(Inline)] public static V V128Not(V a) => ~a;
    [MethodImpl(Inline)] public static V V128And(V a, V b) => a & b;
    [MethodImpl(Inline)] public static V V128Andnot(V a, V b) => Vector128.AndNot(a, b);
    [MethodImpl(Inline)] public static V V128Or(V a, V b) => a | b;
    [MethodImpl(Inline)] public static V V128Xor(V a, V b) => a ^ b;
    [MethodImpl(Inline)] public static V V128Bitselect(V a, V b, V c) => Vector128.ConditionalSelect(c, a, b);
    [MethodImpl(Inline)] public static int V128AnyTrue(V a) => a != V.Zero ? 1 : 0;

    // Integer comparisons (all-ones lanes for true).
    [MethodImpl(Inline)] public static V I8x16Eq(V a, V b) => Vector128.Equals(a, b);
    [MethodImpl(Inline)] public static V I8x16Ne(V a, V b) => ~Vector128.Equals(a, b);
    [MethodImpl(Inline)] public static V I8x16LtS(V a, V b) => Vector128.LessThan(a.AsSByte(), b.AsSByte()).AsByte();
    [MethodImpl(Inline)] public static V I8x16LtU(V a, V b) => Vector128.LessThan(a, b);
    [MethodImpl(Inline)] public static V I8x16GtS(V a, V b) => Vector128.GreaterThan(a.AsSByte(), b.AsSByte()).AsByte();
    [MethodImpl(Inline)] public static V I8x16GtU(V a, V b) => Vector128.GreaterThan(a, b);
    [MethodImpl(Inline)] public static V I8x16LeS(V a, V b) => Vector128.LessThanOrEqual(a.AsSByte(), b.AsSByte()).AsByte();
    [MethodImpl(Inline)] public static V I8x16LeU(V a, V b) => Vector128.LessThanOrEqual(a, b);
    [MethodImpl(Inline)] public static V I8x16GeS(V a, V b) => Vector128.GreaterThanOrEqual(a.AsSByte(), b.AsSByte()).AsByte();
    [MethodImpl(Inline)] public static V I8x16GeU(V a, V b) => Vector128.GreaterThanOrEqual(a, b);
    [MethodImpl(Inline)] public static V I16x8Eq(V a, V b) => Vector128.Equals(a.AsInt16(), b.AsInt16()).AsByte();
    [MethodImpl(Inline)] public static V I16x8Ne(V a, V b) => (~Vector128.Equals(a.AsInt16(), b.AsInt16())).AsByte();
    [MethodImpl(Inline)] public static V I16x8LtS(V a, V b) => Vector128.LessThan(a.AsInt16(), b.AsInt16()).AsByte();
    [MethodImpl(Inline)] public static V I16x8LtU(V a, V b) => Vector128.LessThan(a.AsUInt16(), b.AsUInt16()).AsByte();
    [MethodImpl(Inline)] public static V I16x8GtS(V a, V b) => Vector128.GreaterThan(a.AsInt16(), b.AsInt16()).AsByte();
    [MethodImpl(Inline)] public static V I16x8GtU(V a, V b) => Vector128.GreaterThan(a.AsUInt16(), b.AsUInt16()).AsByte();
    [MethodImpl(Inline)] public static V I16x8LeS(V a, V b) => Vector128.LessThanOrEqual(a.AsInt16(), b.AsInt16()).AsByte();
    [MethodImpl(Inline)] public static V I16x8LeU(V a, V b) => Vector128.LessThanOrEqual(a.AsUInt16(), b.AsUInt16()).AsByte();
    [MethodImpl(Inline)] public static V I16x8GeS(V a, V b) => Vector128.GreaterThanOrEqual(a.AsInt16(), b.AsInt16()).AsByte();
    [MethodImpl(Inline)] public static V I16x8GeU(V a, V b) => Vector128.GreaterThanOrEqual(a.AsUInt16(), b.AsUInt16()).AsByte();
    [MethodImpl(Inline)] public static V I32x4Eq(V a, V b) => Vector128.Equals(a.AsInt32(), b.AsInt32()).AsByte();
    [MethodImpl(Inline)] public static V I32x4Ne(V a, V b) => (~Vector128.Equals(a.AsInt32(), b.AsInt32())).AsByte();
    [MethodImpl(Inline)] public static V I32x4LtS(V a, V b) => Vector128.LessThan(a.AsInt32(), b.AsInt32()).AsByte();
    [MethodImpl(Inline)] public static V I32x4LtU(V a, V b) => Vector128.LessThan(a.AsUInt32(), b.AsUInt32()).AsByte();
    [MethodImpl(Inline)] public static V I32x4GtS(V a, V b) => Vector128.GreaterThan(a.AsInt32(), b.AsInt32()).AsByte();
    [MethodImpl(Inline)] public static V I32x4GtU(V a, V b) => Vector128.GreaterThan(a.AsUInt32(), b.AsUInt32()).AsByte();
    [MethodImpl(Inline)] public static V I32x4LeS(V a, V b) => Vector128.LessThanOrEqual(a.AsInt32(), b.AsInt32()).AsByte();
    [MethodImpl(Inline)] public static V I32x4LeU(V a, V b) => Vector128.LessThanOrEqual(a.AsUInt32(), b.AsUInt32()).AsByte();
    [MethodImpl(Inline)] public static V I32x4GeS(V a, V b) => Vector128.GreaterThanOrEqual(a.AsInt32(), b.AsInt32()).AsByte();
    [MethodImpl(Inline)] public static V I32x4GeU(V a, V b) => Vector128.GreaterThanOrEqual(a.AsUInt32(), b.AsUInt32()).AsByte();
    [MethodImpl(Inline)] public static V I64x2Eq(V a, V b) => Vector128.Equals(a.AsInt64(), b.AsInt64()).AsByte();
    [MethodImpl(Inline)] public static V I64x2Ne(V a, V b) => (~Vector128.Equals(a.AsInt64(), b.AsInt64())).AsByte();
    [MethodImpl(Inline)] public static V I64x2LtS(V a, V b) => Vector128.LessThan(a.AsInt64(), b.AsInt64()).AsByte();
    [MethodImpl(Inline)] public static V I64x2GtS(V a, V b) => Vector128.GreaterThan(a.AsInt64(), b.AsInt64()).AsByte();
    [MethodImpl(Inline)] public static V I64x2LeS(V a, V b) => Vector128.LessThanOrEqual(a.AsInt64(), b.AsInt64()).AsByte();
    [MethodImpl(Inline)] public static V I64x2GeS(V a, V b) => Vector128.GreaterThanOrEqual(a.AsInt64(), b.AsInt64()).AsByte();

    // Float comparisons: ordered, so NaN compares false (and ne true).
    [MethodImpl(Inline)] public static V F32x4Eq(V a, V b) => Vector128.Equals(a.AsSingle(), b.AsSingle()).AsByte();
    [MethodImpl(Inline)] public static V F32x4Ne(V a, V b) => (~Vector128.Equals(a.AsSingle(), b.AsSingle())).AsByte();
    [MethodImpl(Inline)] public static V F32x4Lt(V a, V b) => Vector128.LessThan(a.AsSingle(), b.AsSingle()).AsByte();
    [MethodImpl(Inline)] public static V F32x4Gt(V a, V b) => Vector128.GreaterThan(a.AsSingle(), b.AsSingle()).AsByte();
    [MethodImpl(Inline)] public static V F32x4Le(V a, V b) => Vector128.LessThanOrEqual(a.AsSingle(), b.AsSingle()).AsByte();
    [MethodImpl(Inline)] public static V F32x4Ge(V a, V b) => Vector128.GreaterThanOrEqual(a.AsSingle(), b.AsSingle()).AsByte();
    [MethodImpl(Inline)] public static V F64x2Eq(V a, V b) => Vector128.Equals(a.AsDouble(), b.AsDouble()).AsByte();
    [MethodImpl(Inline)] public static V F64x2Ne(V a, V b) => (~Vector128.Equals(a.AsDouble(), b.AsDouble())).AsByte();
    [MethodImpl(Inline)] public static V F64x2Lt(V a, V b) => Vector128.LessThan(a.AsDouble(), b.AsDouble()).AsByte();
    [MethodImpl(Inline)] public static V F64x2Gt(V a, V b) => Vector128.GreaterThan(a.AsDouble(), b.AsDouble()).AsByte();
    [MethodImpl(Inline)] public static V F64x2Le(V a, V b) => Vector128.LessThanOrEqual(a.AsDouble(), b.AsDouble()).AsByte();
    [MethodImpl(Inline)] public static V F64x2Ge(V a, V b) => Vector128.GreaterThanOrEqual(a.AsDouble(), b.AsDouble()).AsByte();

    // Integer arithmetic.
    [MethodImpl(Inline)] public static V I8x16Abs(V a) => Vector128.Abs(a.AsSByte()).AsByte();
    [MethodImpl(Inline)] public static V I8x16Neg(V a) => (-a.AsSByte()).AsByte();
    [MethodImpl(Inline)] public static int I8x16AllTrue(V a) => Vector128.EqualsAny(a, V.Zero) ? 0 : 1;
    [MethodImpl(Inline)] public static int I8x16Bitmask(V a) => (int)a.ExtractMostSignificantBits();
    [MethodImpl(Inline)] public static V I8x16Shl(V a, int count) => Vector128.ShiftLeft(a, count & 7);
    [MethodImpl(Inline)] public static V I8x16ShrS(V a, int count) => Vector128.ShiftRightArithmetic(a.AsSByte(), count & 7).AsByte();
    [MethodImpl(Inline)] public static V I8x16ShrU(V a, int count) => Vector128.ShiftRightLogical(a, count & 7);
    [MethodImpl(Inline)] public static V I8x16Add(V a, V b) => a + b;
    [MethodImpl(Inline)] public static V I8x16Sub(V a, V b) => a - b;
    [MethodImpl(Inline)] public static V I8x16MinS(V a, V b) => Vector128.Min(a.AsSByte(), b.AsSByte()).AsByte();
    [MethodImpl(Inline)] public static V I8x16MinU(V a, V b) => Vector128.Min(a, b);
    [MethodImpl(Inline)] public static V I8x16MaxS(V a, V b) => Vector128.Max(a.AsSByte(), b.AsSByte()).AsByte();
    [MethodImpl(Inline)] public static V I8x16MaxU(V a, V b) => Vector128.Max(a, b);
    [MethodImpl(Inline)] public static V I16x8Abs(V a) => Vector128.Abs(a.AsInt16()).AsByte();
    [MethodImpl(Inline)] public static V I16x8Neg(V a) => (-a.AsInt16()).AsByte();
    [MethodImpl(Inline)] public static int I16x8AllTrue(V a) => Vector128.EqualsAny(a.AsInt16(), Vector128<short>.Zero) ? 0 : 1;
    [MethodImpl(Inline)] public static int I16x8Bitmask(V a) => (int)a.AsInt16().ExtractMostSignificantBits();
    [MethodImpl(Inline)] public static V I16x8Shl(V a, int count) => Vector128.ShiftLeft(a.AsInt16(), count & 15).AsByte();
    [MethodImpl(Inline)] public static V I16x8ShrS(V a, int count) => Vector128.ShiftRightArithmetic(a.AsInt16(), count & 15).AsByte();
    [MethodImpl(Inline)] public static V I16x8ShrU(V a, int count) => Vector128.ShiftRightLogical(a.AsUInt16(), count & 15).AsByte();
    [MethodImpl(Inline)] public static V I16x8Add(V a, V b) => (a.AsInt16() + b.AsInt16()).AsByte();
    [MethodImpl(Inline)] public static V I16x8Sub(V a, V b) => (a.AsInt16() - b.AsInt16()).AsByte();
    [MethodImpl(Inline)] public static V I16x8Mul(V a, V b) => (a.AsInt16() * b.AsInt16()).AsByte();
    [MethodImpl(Inline)] public static V I16x8MinS(V a, V b) => Vector128.Min(a.AsInt16(), b.AsInt16()).AsByte();
    [MethodImpl(Inline)] public static V I16x8MinU(V a, V b) => Vector128.Min(a.AsUInt16(), b.AsUInt16()).AsByte();
    [MethodImpl(Inline)] public static V I16x8MaxS(V a, V b) => Vector128.Max(a.AsInt16(), b.AsInt16()).AsByte();
    [MethodImpl(Inline)] public static V I16x8MaxU(V a, V b) => Vector128.Max(a.AsUInt16(), b.AsUInt16()).AsByte();
    [MethodImpl(Inline)] public static V I32x4Abs(V a) => Vector128.Abs(a.AsInt32()).AsByte();
    [MethodImpl(Inline)] public static V I32x4Neg(V a) => (-a.AsInt32()).AsByte();
    [MethodImpl(Inline)] public static int I32x4AllTrue(V a) => Vector128.EqualsAny(a.AsInt32(), Vector128<int>.Zero) ? 0 : 1;
    [MethodImpl(Inline)] public static int I32x4Bitmask(V a) => (int)a.AsInt32().ExtractMostSignificantBits();
    [MethodImpl(Inline)] public static V I32x4Shl(V a, int count) => Vector128.ShiftLeft(a.AsInt32(), count & 31).AsByte();
    [MethodImpl(Inline)] public static V I32x4ShrS(V a, int count) => Vector128.ShiftRightArithmetic(a.AsInt32(), count & 31).AsByte();
    [MethodImpl(Inline)] public static V I32x4ShrU(V a, int count) => Vector128.ShiftRightLogical(a.AsUInt32(), count & 31).AsByte();
    [MethodImpl(Inline)] public static V I32x4Add(V a, V b) => (a.AsInt32() + b.AsInt32()).AsByte();
    [MethodImpl(Inline)] public static V I32x4Sub(V a, V b) => (a.AsInt32() - b.AsInt32()).AsByte();
    [MethodImpl(Inline)] public static V I32x4Mul(V a, V b) => (a.AsInt32() * b.AsInt32()).AsByte();
    [MethodImpl(Inline)] public static V I32x4MinS(V a, V b) => Vector128.Min(a.AsInt32(), b.AsInt32()).AsByte();
    [MethodImpl(Inline)] public static V I32x4MinU(V a, V b) => Vector128.Min(a.AsUInt32(), b.AsUInt32()).AsByte();
    [MethodImpl(Inline)] public static V I32x4MaxS(V a, V b) => Vector128.Max(a.AsInt32(), b.AsInt32()).AsByte();
    [MethodImpl(Inline)] public static V I32x4MaxU(V a, V b) => Vector128.Max(a.AsUInt32(), b.AsUInt32()).AsByte();
    [MethodImpl(Inline)] public static V I64x2Abs(V a) => Vector128.Abs(a.AsInt64()).AsByte();
    [MethodImpl(Inline)] public static V I64x2Neg(V a) => (-a.AsInt64()).AsByte();
    [MethodImpl(Inline)] public static int I64x2AllTrue(V a) => Vector128.EqualsAny(a.AsInt64(), Vector128<long>.Zero) ? 0 : 1;
    [MethodImpl(Inline)] public static int I64x2Bitmask(V a) => (int)a.AsInt64().ExtractMostSignificantBits();
    [MethodImpl(Inline)] public static V I64x2Shl(V a, int count) => Vector128.ShiftLeft(a.AsInt64(), count & 63).AsByte();
    [MethodImpl(Inline)] public static V I64x2ShrS(V a, int count) => Vector128.ShiftRightArithmetic(a.AsInt64(), count & 63).AsByte();
    [MethodImpl(Inline)] public static V I64x2ShrU(V a, int count) => Vector128.ShiftRightLogical(a.AsUInt64(), count & 63).AsByte();
    [MethodImpl(Inline)] public static V I64x2Add(V a, V b) => (a.AsInt64() + b.AsInt64()).AsByte();
    [MethodImpl(Inline)] public static V I64x2Sub(V a, V b) => (a.AsInt64() - b.AsInt64()).AsByte();
    [MethodImpl(Inline)] public static V I64x2Mul(V a, V b) => (a.AsInt64() * b.AsInt64()).AsByte();

    // Widening.
    [MethodImpl(Inline)] public static V I16x8ExtendLowI8x16S(V a) => Vector128.WidenLower(a.AsSByte()).AsByte();
    [MethodImpl(Inline)] public static V I16x8ExtendHighI8x16S(V a) => Vector128.WidenUpper(a.AsSByte()).AsByte();
    [MethodImpl(Inline)] public static V I16x8ExtendLowI8x16U(V a) => Vector128.WidenLower(a).AsByte();
    [MethodImpl(Inline)] public static V I16x8ExtendHighI8x16U(V a) => Vector128.WidenUpper(a).AsByte();
    [MethodImpl(Inline)] public static V I32x4ExtendLowI16x8S(V a) => Vector128.WidenLower(a.AsInt16()).AsByte();
    [MethodImpl(Inline)] public static V I32x4ExtendHighI16x8S(V a) => Vector128.WidenUpper(a.AsInt16()).AsByte();
    [MethodImpl(Inline)] public static V I32x4ExtendLowI16x8U(V a) => Vector128.WidenLower(a.AsUInt16()).AsByte();
    [MethodImpl(Inline)] public static V I32x4ExtendHighI16x8U(V a) => Vector128.WidenUpper(a.AsUInt16()).AsByte();
    [MethodImpl(Inline)] public static V I64x2ExtendLowI32x4S(V a) => Vector128.WidenLower(a.AsInt32()).AsByte();
    [MethodImpl(Inline)] public static V I64x2ExtendHighI32x4S(V a) => Vector128.WidenUpper(a.AsInt32()).AsByte();
    [MethodImpl(Inline)] public static V I64x2ExtendLowI32x4U(V a) => Vector128.WidenLower(a.AsUInt32()).AsByte();
    [MethodImpl(Inline)] public static V I64x2ExtendHighI32x4U(V a) => Vector128.WidenUpper(a.AsUInt32()).AsByte();
    [MethodImpl(Inline)] public static V I16x8ExtmulLowI8x16S(V a, V b) => (Vector128.WidenLower(a.AsSByte()) * Vector128.WidenLower(b.AsSByte())).AsByte();
    [MethodImpl(Inline)] public static V I16x8ExtmulHighI8x16S(V a, V b) => (Vector128.WidenUpper(a.AsSByte()) * Vector128.WidenUpper(b.AsSByte())).AsByte();
    [MethodImpl(Inline)] public static V I16x8ExtmulLowI8x16U(V a, V b) => (Vector128.WidenLower(a) * Vector128.WidenLower(b)).AsByte();
    [MethodImpl(Inline)] public static V I16x8ExtmulHighI8x16U(V a, V b) => (Vector128.WidenUpper(a) * Vector128.WidenUpper(b)).AsByte();
    [MethodImpl(Inline)] public static V I32x4ExtmulLowI16x8S(V a, V b) => (Vector128.WidenLower(a.AsInt16()) * Vector128.WidenLower(b.AsInt16())).AsByte();
    [MethodImpl(Inline)] public static V I32x4ExtmulHighI16x8S(V a, V b) => (Vector128.WidenUpper(a.AsInt16()) * Vector128.WidenUpper(b.AsInt16())).AsByte();
    [MethodImpl(Inline)] public static V I32x4ExtmulLowI16x8U(V a, V b) => (Vector128.WidenLower(a.AsUInt16()) * Vector128.WidenLower(b.AsUInt16())).AsByte();
    [MethodImpl(Inline)] public static V I32x4ExtmulHighI16x8U(V a, V b) => (Vector128.WidenUpper(a.AsUInt16()) * Vector128.WidenUpper(b.AsUInt16())).AsByte();
    [MethodImpl(Inline)] public static V I64x2ExtmulLowI32x4S(V a, V b) => (Vector128.WidenLower(a.AsInt32()) * Vector128.WidenLower(b.AsInt32())).AsByte();
    [MethodImpl(Inline)] public static V I64x2ExtmulHighI32x4S(V a, V b) => (Vector128.WidenUpper(a.AsInt32()) * Vector128.WidenUpper(b.AsInt32())).AsByte();
    [MethodImpl(Inline)] public static V I64x2ExtmulLowI32x4U(V a, V b) => (Vector128.WidenLower(a.AsUInt32()) * Vector128.WidenLower(b.AsUInt32())).AsByte();
    [MethodImpl(Inline)] public static V I64x2ExtmulHighI32x4U(V a, V b) => (Vector128.WidenUpper(a.AsUInt32()) * Vector128.WidenUpper(b.AsUInt32())).AsByte();

    // Float arithmetic. Sign operations touch only the sign bit, as the spec requires (NaN payloads survive).
    [MethodImpl(Inline)] public static V F32x4Abs(V a) => (a.AsUInt32() & Vector128.Create(0x7FFF_FFFFu)).AsByte();
    [MethodImpl(Inline)] public static V F32x4Neg(V a) => (a.AsUInt32() ^ Vector128.Create(0x8000_0000u)).AsByte();
    [MethodImpl(Inline)] public static V F32x4Sqrt(V a) => Vector128.Sqrt(a.AsSingle()).AsByte();
    [MethodImpl(Inline)] public static V F32x4Add(V a, V b) => (a.AsSingle() + b.AsSingle()).AsByte();
    [MethodImpl(Inline)] public static V F32x4Sub(V a, V b) => (a.AsSingle() - b.AsSingle()).AsByte();
    [MethodImpl(Inline)] public static V F32x4Mul(V a, V b) => (a.AsSingle() * b.AsSingle()).AsByte();
    [MethodImpl(Inline)] public static V F32x4Div(V a, V b) => (a.AsSingle() / b.AsSingle()).AsByte();
    [MethodImpl(Inline)] public static V F32x4Pmin(V a, V b) => Vector128.ConditionalSelect(Vector128.LessThan(b.AsSingle(), a.AsSingle()), b.AsSingle(), a.AsSingle()).AsByte();
    [MethodImpl(Inline)] public static V F32x4Pmax(V a, V b) => Vector128.ConditionalSelect(Vector128.LessThan(a.AsSingle(), b.AsSingle()), b.AsSingle(), a.AsSingle()).AsByte();
    [MethodImpl(Inline)] public static V F64x2Abs(V a) => (a.AsUInt64() & Vector128.Create(0x7FFF_FFFF_FFFF_FFFFul)).AsByte();
    [MethodImpl(Inline)] public static V F64x2Neg(V a) => (a.AsUInt64() ^ Vector128.Create(0x8000_0000_0000_0000ul)).AsByte();
    [MethodImpl(Inline)] public static V F64x2Sqrt(V a) => Vector128.Sqrt(a.AsDouble()).AsByte();
    [MethodImpl(Inline)] public static V F64x2Add(V a, V b) => (a.AsDouble() + b.AsDouble()).AsByte();
    [MethodImpl(Inline)] public static V F64x2Sub(V a, V b) => (a.AsDouble() - b.AsDouble()).AsByte();
    [MethodImpl(Inline)] public static V F64x2Mul(V a, V b) => (a.AsDouble() * b.AsDouble()).AsByte();
    [MethodImpl(Inline)] public static V F64x2Div(V a, V b) => (a.AsDouble() / b.AsDouble()).AsByte();
    [MethodImpl(Inline)] public static V F64x2Pmin(V a, V b) => Vector128.ConditionalSelect(Vector128.LessThan(b.AsDouble(), a.AsDouble()), b.AsDouble(), a.AsDouble()).AsByte();
    [MethodImpl(Inline)] public static V F64x2Pmax(V a, V b) => Vector128.ConditionalSelect(Vector128.LessThan(a.AsDouble(), b.AsDouble()), b.AsDouble(), a.AsDouble()).AsByte();
}
