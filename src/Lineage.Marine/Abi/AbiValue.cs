// SPDX-License-Identifier: Apache-2.0

namespace Lineage.Marine.Abi;

/// <summary>One core Wasm argument or result as the raw bits of its <see cref="Kind"/>.</summary>
public readonly record struct AbiValue(AbiValueKind Kind, ulong Bits)
{
    public int I32 => (int)Bits;

    public long I64 => (long)Bits;

    public float F32 => BitConverter.Int32BitsToSingle((int)Bits);

    public double F64 => BitConverter.Int64BitsToDouble((long)Bits);

    public static AbiValue FromI32(int value) => new(AbiValueKind.I32, (uint)value);

    public static AbiValue FromI64(long value) => new(AbiValueKind.I64, (ulong)value);

    public static AbiValue FromF32(float value) => new(AbiValueKind.F32, (uint)BitConverter.SingleToInt32Bits(value));

    public static AbiValue FromF64(double value) => new(AbiValueKind.F64, (ulong)BitConverter.DoubleToInt64Bits(value));
}
