// SPDX-License-Identifier: Apache-2.0

using System.Reflection;
using System.Reflection.Emit;
using Lineage.Wasm.Runtime;
using ValueType = Lineage.Wasm.Model.ValueType;

namespace Lineage.Wasm.Compilation;

/// <summary>IL that converts between <see cref="WasmValue"/> and the CLR representation of compiled code.</summary>
internal static class ValueConversions
{
    private static readonly MethodInfo s_getI32 = Getter(nameof(WasmValue.I32));
    private static readonly MethodInfo s_getI64 = Getter(nameof(WasmValue.I64));
    private static readonly MethodInfo s_getBits = Getter(nameof(WasmValue.Bits));
    private static readonly MethodInfo s_getV128 = Getter(nameof(WasmValue.V128));
    private static readonly MethodInfo s_getReference = Getter(nameof(WasmValue.Reference));
    private static readonly MethodInfo s_int32BitsToSingle = typeof(BitConverter).GetMethod(nameof(BitConverter.Int32BitsToSingle))!;
    private static readonly MethodInfo s_int64BitsToDouble = typeof(BitConverter).GetMethod(nameof(BitConverter.Int64BitsToDouble))!;
    private static readonly MethodInfo s_singleToInt32Bits = typeof(BitConverter).GetMethod(nameof(BitConverter.SingleToInt32Bits))!;
    private static readonly MethodInfo s_doubleToInt64Bits = typeof(BitConverter).GetMethod(nameof(BitConverter.DoubleToInt64Bits))!;

    /// <summary>Stack: address of a <see cref="WasmValue"/> → the CLR value of <paramref name="type"/>.</summary>
    public static void EmitRead(ILGenerator il, ValueType type)
    {
        switch (type)
        {
            case ValueType.I32:
                il.Emit(OpCodes.Call, s_getI32);
                break;
            case ValueType.I64:
                il.Emit(OpCodes.Call, s_getI64);
                break;
            case ValueType.F32:
                il.Emit(OpCodes.Call, s_getBits);
                il.Emit(OpCodes.Conv_U4);
                il.Emit(OpCodes.Call, s_int32BitsToSingle);
                break;
            case ValueType.F64:
                il.Emit(OpCodes.Call, s_getBits);
                il.Emit(OpCodes.Call, s_int64BitsToDouble);
                break;
            case ValueType.V128:
                il.Emit(OpCodes.Call, s_getV128);
                break;
            default:
                il.Emit(OpCodes.Call, s_getReference);
                break;
        }
    }

    /// <summary>Stack: a CLR value of <paramref name="type"/> → a <see cref="WasmValue"/>.</summary>
    public static void EmitWrap(ILGenerator il, ValueType type)
    {
        switch (type)
        {
            case ValueType.I32:
                il.Emit(OpCodes.Call, Factory(nameof(WasmValue.FromI32), typeof(int)));
                break;
            case ValueType.I64:
                il.Emit(OpCodes.Call, Factory(nameof(WasmValue.FromI64), typeof(long)));
                break;
            case ValueType.F32:
                il.Emit(OpCodes.Call, s_singleToInt32Bits);
                il.Emit(OpCodes.Call, Factory(nameof(WasmValue.FromF32Bits), typeof(uint)));
                break;
            case ValueType.F64:
                il.Emit(OpCodes.Call, s_doubleToInt64Bits);
                il.Emit(OpCodes.Call, Factory(nameof(WasmValue.FromF64Bits), typeof(ulong)));
                break;
            case ValueType.V128:
                il.Emit(OpCodes.Call, Factory(nameof(WasmValue.FromV128), WasmValueTypes.ClrType(ValueType.V128)));
                break;
            case ValueType.FuncRef:
                il.Emit(OpCodes.Castclass, typeof(WasmFunction));
                il.Emit(OpCodes.Call, Factory(nameof(WasmValue.FromFuncRef), typeof(WasmFunction)));
                break;
            default:
                il.Emit(OpCodes.Call, Factory(nameof(WasmValue.FromExternRef), typeof(object)));
                break;
        }
    }

    private static MethodInfo Getter(string property) => typeof(WasmValue).GetProperty(property)!.GetGetMethod()!;

    private static MethodInfo Factory(string name, Type parameter) => typeof(WasmValue).GetMethod(name, [parameter])!;
}
