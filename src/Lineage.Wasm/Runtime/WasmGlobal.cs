// SPDX-License-Identifier: Apache-2.0

using System.Runtime.Intrinsics;
using Lineage.Wasm.Model;
using ValueType = Lineage.Wasm.Model.ValueType;

namespace Lineage.Wasm.Runtime;

/// <summary>
/// A global variable cell, shared by every instance that imports or exports it. Compiled code reads and writes the
/// typed field that matches <see cref="GlobalType.ValueType"/> directly.
/// </summary>
public sealed class WasmGlobal
{
    /// <summary>The value when the type is i32; accessed by compiled code.</summary>
    internal int I32;

    /// <summary>The value when the type is i64.</summary>
    internal long I64;

    /// <summary>The value when the type is f32.</summary>
    internal float F32;

    /// <summary>The value when the type is f64.</summary>
    internal double F64;

    /// <summary>The value when the type is v128.</summary>
    internal Vector128<byte> V128;

    /// <summary>The value when the type is a reference type.</summary>
    internal object? Ref;

    /// <summary>Creates a global of <paramref name="type"/> holding <paramref name="value"/>.</summary>
    public WasmGlobal(GlobalType type, WasmValue value)
    {
        Type = type;
        Store(value);
    }

    /// <summary>The global's type.</summary>
    public GlobalType Type { get; }

    /// <summary>The current value. Setting it is refused for immutable globals.</summary>
    public WasmValue Value
    {
        get => Type.ValueType switch
        {
            ValueType.I32 => WasmValue.FromI32(I32),
            ValueType.I64 => WasmValue.FromI64(I64),
            ValueType.F32 => WasmValue.FromF32(F32),
            ValueType.F64 => WasmValue.FromF64(F64),
            ValueType.V128 => WasmValue.FromV128(V128),
            ValueType.FuncRef => WasmValue.FromFuncRef((WasmFunction?)Ref),
            _ => WasmValue.FromExternRef(Ref),
        };
        set
        {
            if (!Type.Mutable)
            {
                throw new InvalidOperationException("the global is immutable");
            }

            Store(value);
        }
    }

    private void Store(WasmValue value)
    {
        if (value.Type != Type.ValueType)
        {
            throw new ArgumentException($"expected a {ValueTypes.Name(Type.ValueType)} value, got {ValueTypes.Name(value.Type)}", nameof(value));
        }

        switch (value.Type)
        {
            case ValueType.I32:
                I32 = value.I32;
                break;
            case ValueType.I64:
                I64 = value.I64;
                break;
            case ValueType.F32:
                // Through the bits, so NaN payloads survive.
                F32 = BitConverter.Int32BitsToSingle((int)value.Bits);
                break;
            case ValueType.F64:
                F64 = BitConverter.Int64BitsToDouble((long)value.Bits);
                break;
            case ValueType.V128:
                V128 = value.V128;
                break;
            default:
                if (value.Type == ValueType.FuncRef && value.Reference is not null and not WasmFunction)
                {
                    throw new ArgumentException("a funcref holds a WasmFunction", nameof(value));
                }

                Ref = value.Reference;
                break;
        }
    }
}
