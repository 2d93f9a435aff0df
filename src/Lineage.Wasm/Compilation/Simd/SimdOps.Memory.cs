// SPDX-License-Identifier: Apache-2.0

using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using V = System.Runtime.Intrinsics.Vector128<byte>;

namespace Lineage.Wasm.Compilation.Simd;

/// <summary>
/// The vector half of SIMD memory instructions: the emitter loads (or stores) the scalar with a bounds check, these
/// build (or take apart) the vector.
/// </summary>
internal static partial class SimdOps
{
    [MethodImpl(Inline)] public static V V128Const(long low, long high) => Vector128.Create(low, high).AsByte();
    [MethodImpl(Inline)] public static V V128Load8x8S(long bits) => Vector128.WidenLower(Vector128.CreateScalar(bits).AsSByte()).AsByte();
    [MethodImpl(Inline)] public static V V128Load8x8U(long bits) => Vector128.WidenLower(Vector128.CreateScalar(bits).AsByte()).AsByte();
    [MethodImpl(Inline)] public static V V128Load16x4S(long bits) => Vector128.WidenLower(Vector128.CreateScalar(bits).AsInt16()).AsByte();
    [MethodImpl(Inline)] public static V V128Load16x4U(long bits) => Vector128.WidenLower(Vector128.CreateScalar(bits).AsUInt16()).AsByte();
    [MethodImpl(Inline)] public static V V128Load32x2S(long bits) => Vector128.WidenLower(Vector128.CreateScalar(bits).AsInt32()).AsByte();
    [MethodImpl(Inline)] public static V V128Load32x2U(long bits) => Vector128.WidenLower(Vector128.CreateScalar(bits).AsUInt32()).AsByte();
    [MethodImpl(Inline)] public static V V128Load8Splat(int x) => Vector128.Create((byte)x);
    [MethodImpl(Inline)] public static V V128Load16Splat(int x) => Vector128.Create((short)x).AsByte();
    [MethodImpl(Inline)] public static V V128Load32Splat(int x) => Vector128.Create(x).AsByte();
    [MethodImpl(Inline)] public static V V128Load64Splat(long x) => Vector128.Create(x).AsByte();
    [MethodImpl(Inline)] public static V V128Load32Zero(int x) => Vector128.CreateScalar(x).AsByte();
    [MethodImpl(Inline)] public static V V128Load64Zero(long x) => Vector128.CreateScalar(x).AsByte();
    [MethodImpl(Inline)] public static V V128Load8Lane(V v, int x, int lane) => I8x16ReplaceLane(v, x, lane);
    [MethodImpl(Inline)] public static V V128Load16Lane(V v, int x, int lane) => I16x8ReplaceLane(v, x, lane);
    [MethodImpl(Inline)] public static V V128Load32Lane(V v, int x, int lane) => I32x4ReplaceLane(v, x, lane);
    [MethodImpl(Inline)] public static V V128Load64Lane(V v, long x, int lane) => I64x2ReplaceLane(v, x, lane);
    [MethodImpl(Inline)] public static int V128Store8Lane(V v, int lane) => I8x16ExtractLaneU(v, lane);
    [MethodImpl(Inline)] public static int V128Store16Lane(V v, int lane) => I16x8ExtractLaneU(v, lane);
    [MethodImpl(Inline)] public static int V128Store32Lane(V v, int lane) => I32x4ExtractLane(v, lane);
    [MethodImpl(Inline)] public static long V128Store64Lane(V v, int lane) => I64x2ExtractLane(v, lane);
}
