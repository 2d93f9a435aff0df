// SPDX-License-Identifier: Apache-2.0

using System.Globalization;
using System.Runtime.Intrinsics;
using Lineage.Wasm.Model;
using ValueType = Lineage.Wasm.Model.ValueType;

namespace Lineage.Wasm.Runtime;

/// <summary>
/// One WebAssembly value of any type, without boxing: numbers and vectors live in two 64-bit fields, references in
/// an object field (a <see cref="WasmFunction"/> for funcref, any host object for externref; null is null).
/// </summary>
public readonly struct WasmValue : IEquatable<WasmValue>
{
    private readonly ulong _low;
    private readonly ulong _high;
    private readonly object? _reference;

    private WasmValue(ValueType type, ulong low, ulong high, object? reference)
    {
        Type = type;
        _low = low;
        _high = high;
        _reference = reference;
    }

    /// <summary>The value's type.</summary>
    public ValueType Type { get; }

    /// <summary>The value as an i32.</summary>
    public int I32 => (int)_low;

    /// <summary>The value as an i64.</summary>
    public long I64 => (long)_low;

    /// <summary>The value as an f32.</summary>
    public float F32 => BitConverter.Int32BitsToSingle((int)_low);

    /// <summary>The value as an f64.</summary>
    public double F64 => BitConverter.Int64BitsToDouble((long)_low);

    /// <summary>The value as a v128.</summary>
    public Vector128<byte> V128 => Vector128.Create(_low, _high).AsByte();

    /// <summary>The raw low 64 bits (the bit pattern of numbers).</summary>
    public ulong Bits => _low;

    /// <summary>The raw high 64 bits (v128 only).</summary>
    public ulong HighBits => _high;

    /// <summary>The reference of a funcref/externref value (null for a null reference).</summary>
    public object? Reference => _reference;

    /// <summary>An i32 value.</summary>
    public static WasmValue FromI32(int value) => new(ValueType.I32, (uint)value, 0, null);

    /// <summary>An i64 value.</summary>
    public static WasmValue FromI64(long value) => new(ValueType.I64, (ulong)value, 0, null);

    /// <summary>An f32 value.</summary>
    public static WasmValue FromF32(float value) => new(ValueType.F32, (uint)BitConverter.SingleToInt32Bits(value), 0, null);

    /// <summary>An f32 value from its bit pattern (keeps NaN payloads exactly).</summary>
    public static WasmValue FromF32Bits(uint bits) => new(ValueType.F32, bits, 0, null);

    /// <summary>An f64 value.</summary>
    public static WasmValue FromF64(double value) => new(ValueType.F64, (ulong)BitConverter.DoubleToInt64Bits(value), 0, null);

    /// <summary>An f64 value from its bit pattern (keeps NaN payloads exactly).</summary>
    public static WasmValue FromF64Bits(ulong bits) => new(ValueType.F64, bits, 0, null);

    /// <summary>A v128 value.</summary>
    public static WasmValue FromV128(Vector128<byte> value)
    {
        var halves = value.AsUInt64();
        return new(ValueType.V128, halves.GetElement(0), halves.GetElement(1), null);
    }

    /// <summary>A v128 value from its two 64-bit halves (little-endian lanes).</summary>
    public static WasmValue FromV128(ulong low, ulong high) => new(ValueType.V128, low, high, null);

    /// <summary>A funcref value (null for the null reference).</summary>
    public static WasmValue FromFuncRef(WasmFunction? function) => new(ValueType.FuncRef, 0, 0, function);

    /// <summary>An externref value (null for the null reference).</summary>
    public static WasmValue FromExternRef(object? reference) => new(ValueType.ExternRef, 0, 0, reference);

    /// <summary>The default (zero or null) value of <paramref name="type"/>.</summary>
    public static WasmValue Default(ValueType type) => new(type, 0, 0, null);

    /// <summary>Creates a value of <paramref name="type"/> from raw bits (numbers/vectors) or a reference.</summary>
    public static WasmValue FromRaw(ValueType type, ulong low, ulong high, object? reference) =>
        ValueTypes.IsReference(type) ? new(type, 0, 0, reference) : new(type, low, high, null);

    /// <inheritdoc/>
    public bool Equals(WasmValue other) =>
        Type == other.Type && _low == other._low && _high == other._high && ReferenceEquals(_reference, other._reference);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is WasmValue other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Type, _low, _high, _reference);

    /// <summary>Equality.</summary>
    public static bool operator ==(WasmValue left, WasmValue right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    public static bool operator !=(WasmValue left, WasmValue right) => !left.Equals(right);

    /// <inheritdoc/>
    public override string ToString() => Type switch
    {
        ValueType.I32 => I32.ToString(CultureInfo.InvariantCulture) + ":i32",
        ValueType.I64 => I64.ToString(CultureInfo.InvariantCulture) + ":i64",
        ValueType.F32 => F32.ToString("R", CultureInfo.InvariantCulture) + ":f32",
        ValueType.F64 => F64.ToString("R", CultureInfo.InvariantCulture) + ":f64",
        ValueType.V128 => $"0x{_high:x16}{_low:x16}:v128",
        _ => (_reference?.ToString() ?? "null") + ":" + ValueTypes.Name(Type),
    };
}
