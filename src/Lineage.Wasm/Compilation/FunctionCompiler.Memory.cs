// SPDX-License-Identifier: Apache-2.0

using System.Reflection.Emit;
using System.Runtime.Intrinsics;
using Lineage.Wasm.Instructions;
using Lineage.Wasm.Runtime;
using ValueType = Lineage.Wasm.Model.ValueType;

namespace Lineage.Wasm.Compilation;

/// <summary>
/// Linear memory access: <c>(ulong)addr + offset + size &lt;= length</c> as one compare against the length held
/// in a local (reloaded after calls and <c>memory.grow</c>), then an unaligned access at the constant base plus
/// offset. The base never moves, so it is baked into the code.
/// </summary>
internal sealed unsafe partial class FunctionCompiler
{
    private bool EmitMemory(in Instruction instruction)
    {
        var offset = instruction.MemoryOffset;
        switch (instruction.Opcode)
        {
            case Opcode.I32Load:
                EmitLoad(offset, 4, OpCodes.Ldind_I4, null, ValueType.I32);
                return true;
            case Opcode.I64Load:
                EmitLoad(offset, 8, OpCodes.Ldind_I8, null, ValueType.I64);
                return true;
            case Opcode.F32Load:
                EmitLoad(offset, 4, OpCodes.Ldind_R4, null, ValueType.F32);
                return true;
            case Opcode.F64Load:
                EmitLoad(offset, 8, OpCodes.Ldind_R8, null, ValueType.F64);
                return true;
            case Opcode.I32Load8S:
                EmitLoad(offset, 1, OpCodes.Ldind_I1, null, ValueType.I32);
                return true;
            case Opcode.I32Load8U:
                EmitLoad(offset, 1, OpCodes.Ldind_U1, null, ValueType.I32);
                return true;
            case Opcode.I32Load16S:
                EmitLoad(offset, 2, OpCodes.Ldind_I2, null, ValueType.I32);
                return true;
            case Opcode.I32Load16U:
                EmitLoad(offset, 2, OpCodes.Ldind_U2, null, ValueType.I32);
                return true;
            case Opcode.I64Load8S:
                EmitLoad(offset, 1, OpCodes.Ldind_I1, OpCodes.Conv_I8, ValueType.I64);
                return true;
            case Opcode.I64Load8U:
                EmitLoad(offset, 1, OpCodes.Ldind_U1, OpCodes.Conv_U8, ValueType.I64);
                return true;
            case Opcode.I64Load16S:
                EmitLoad(offset, 2, OpCodes.Ldind_I2, OpCodes.Conv_I8, ValueType.I64);
                return true;
            case Opcode.I64Load16U:
                EmitLoad(offset, 2, OpCodes.Ldind_U2, OpCodes.Conv_U8, ValueType.I64);
                return true;
            case Opcode.I64Load32S:
                EmitLoad(offset, 4, OpCodes.Ldind_I4, OpCodes.Conv_I8, ValueType.I64);
                return true;
            case Opcode.I64Load32U:
                EmitLoad(offset, 4, OpCodes.Ldind_U4, OpCodes.Conv_U8, ValueType.I64);
                return true;
            case Opcode.I32Store:
                EmitStore(offset, 4, OpCodes.Stind_I4, null, ValueType.I32);
                return true;
            case Opcode.I64Store:
                EmitStore(offset, 8, OpCodes.Stind_I8, null, ValueType.I64);
                return true;
            case Opcode.F32Store:
                EmitStore(offset, 4, OpCodes.Stind_R4, null, ValueType.F32);
                return true;
            case Opcode.F64Store:
                EmitStore(offset, 8, OpCodes.Stind_R8, null, ValueType.F64);
                return true;
            case Opcode.I32Store8:
                EmitStore(offset, 1, OpCodes.Stind_I1, null, ValueType.I32);
                return true;
            case Opcode.I32Store16:
                EmitStore(offset, 2, OpCodes.Stind_I2, null, ValueType.I32);
                return true;
            case Opcode.I64Store8:
                EmitStore(offset, 1, OpCodes.Stind_I1, OpCodes.Conv_I4, ValueType.I64);
                return true;
            case Opcode.I64Store16:
                EmitStore(offset, 2, OpCodes.Stind_I2, OpCodes.Conv_I4, ValueType.I64);
                return true;
            case Opcode.I64Store32:
                EmitStore(offset, 4, OpCodes.Stind_I4, OpCodes.Conv_I4, ValueType.I64);
                return true;
            case Opcode.MemorySize:
                RequireMemory();
                _il.Emit(OpCodes.Ldloc, _memoryLength!);
                _il.Emit(OpCodes.Ldc_I4, 16);
                _il.Emit(OpCodes.Shr_Un);
                _il.Emit(OpCodes.Conv_I4);
                Push(ValueType.I32);
                return true;
            case Opcode.MemoryGrow:
                RequireMemory();
                Pop(ValueType.I32);
                _il.Emit(OpCodes.Ldloc, _memory!);
                EmitCallTo(Methods.MemoryGrow);
                ReloadMemoryLength();
                Push(ValueType.I32);
                return true;
            case Opcode.MemoryCopy:
                EmitBulkMemory(Methods.MemoryCopy);
                return true;
            case Opcode.MemoryFill:
                EmitBulkMemory(Methods.MemoryFill);
                return true;
            case Opcode.MemoryInit:
                RequireMemory();
                PopThreeI32();
                _il.Emit(OpCodes.Ldarg, ContextArgument);
                _il.Emit(OpCodes.Ldc_I4, (int)instruction.Index);
                _il.Emit(OpCodes.Ldloc, _memory!);
                EmitCallTo(Methods.MemoryInit);
                return true;
            case Opcode.DataDrop:
                _il.Emit(OpCodes.Ldarg, ContextArgument);
                _il.Emit(OpCodes.Ldc_I4, (int)instruction.Index);
                EmitCallTo(Methods.DataDrop);
                return true;
            default:
                return false;
        }
    }

    private void RequireMemory()
    {
        if (!_hasMemory)
        {
            throw Fail("no memory");
        }
    }

    private void PopThreeI32()
    {
        Pop(ValueType.I32);
        Pop(ValueType.I32);
        Pop(ValueType.I32);
    }

    private void EmitBulkMemory(System.Reflection.MethodInfo helper)
    {
        RequireMemory();
        PopThreeI32();
        _il.Emit(OpCodes.Ldloc, _memory!);
        EmitCallTo(helper);
    }

    /// <summary>
    /// Stack: i32 address → native pointer to the checked effective address. The check is an inlinable helper
    /// call rather than inline IL, which keeps the IL and its basic-block count small (large functions otherwise
    /// cross the JIT's MinOpts thresholds).
    /// </summary>
    internal void EmitEffectiveAddress(uint offset, int size)
    {
        RequireMemory();
        _il.Emit(OpCodes.Ldc_I8, (long)((ulong)offset + (ulong)size));
        _il.Emit(OpCodes.Ldloc, _memoryLength!);
        _il.Emit(OpCodes.Ldc_I8, (long)(_instance.Memories[0].BasePointer + offset));
        _il.Emit(OpCodes.Conv_I);
        EmitCallTo(Methods.EffectiveAddress);
    }

    private void EmitLoad(uint offset, int size, OpCode load, OpCode? widen, ValueType result)
    {
        Pop(ValueType.I32);
        EmitEffectiveAddress(offset, size);
        if (size > 1)
        {
            _il.Emit(OpCodes.Unaligned, (byte)1);
        }

        _il.Emit(load);
        if (widen is { } conversion)
        {
            _il.Emit(conversion);
        }

        Push(result);
    }

    private void EmitStore(uint offset, int size, OpCode store, OpCode? narrow, ValueType operand)
    {
        Pop(operand);
        Pop(ValueType.I32);
        var value = RentTemp(WasmValueTypes.ClrType(operand));
        _il.Emit(OpCodes.Stloc, value);
        EmitEffectiveAddress(offset, size);
        _il.Emit(OpCodes.Ldloc, value);
        if (narrow is { } conversion)
        {
            _il.Emit(conversion);
        }

        if (size > 1)
        {
            _il.Emit(OpCodes.Unaligned, (byte)1);
        }

        _il.Emit(store);
        ReturnTemp(value);
    }

    /// <summary>v128 load: stack i32 address → v128.</summary>
    internal void EmitVectorLoad(uint offset)
    {
        Pop(ValueType.I32);
        EmitEffectiveAddress(offset, 16);
        _il.Emit(OpCodes.Unaligned, (byte)1);
        EmitTypeOperand(OpCodes.Ldobj, typeof(Vector128<byte>));
        Push(ValueType.V128);
    }

    /// <summary>v128 store: stack i32 address, v128 → empty.</summary>
    internal void EmitVectorStore(uint offset)
    {
        Pop(ValueType.V128);
        Pop(ValueType.I32);
        var value = RentTemp(typeof(Vector128<byte>));
        _il.Emit(OpCodes.Stloc, value);
        EmitEffectiveAddress(offset, 16);
        _il.Emit(OpCodes.Ldloc, value);
        _il.Emit(OpCodes.Unaligned, (byte)1);
        EmitTypeOperand(OpCodes.Stobj, typeof(Vector128<byte>));
        ReturnTemp(value);
    }
}
