// SPDX-License-Identifier: Apache-2.0

using System.Reflection;
using System.Reflection.Emit;
using Lineage.Wasm.Instructions;
using ValueType = Lineage.Wasm.Model.ValueType;

namespace Lineage.Wasm.Compilation;

/// <summary>
/// Numeric instructions with exact WebAssembly semantics: shift counts masked, signed remainder of -1 is 0,
/// float comparisons false on NaN (ne true), trapping and saturating truncation, single-rounding u64 → float.
/// </summary>
internal sealed partial class FunctionCompiler
{
    private const ValueType I32 = ValueType.I32;
    private const ValueType I64 = ValueType.I64;
    private const ValueType F32 = ValueType.F32;
    private const ValueType F64 = ValueType.F64;

    private bool EmitNumeric(in Instruction instruction)
    {
        switch (instruction.Opcode)
        {
            case Opcode.I32Const:
                _il.Emit(OpCodes.Ldc_I4, (int)instruction.Bits);
                Push(I32);
                return true;
            case Opcode.I64Const:
                _il.Emit(OpCodes.Ldc_I8, (long)instruction.Bits);
                Push(I64);
                return true;
            case Opcode.F32Const:
                EmitF32Constant((int)instruction.Bits);
                Push(F32);
                return true;
            case Opcode.F64Const:
                _il.Emit(OpCodes.Ldc_R8, BitConverter.Int64BitsToDouble((long)instruction.Bits));
                Push(F64);
                return true;

            case Opcode.I32Eqz:
                Unary(I32, I32, OpCodes.Ldc_I4_0, OpCodes.Ceq);
                return true;
            case Opcode.I32Eq:
                Binary(I32, I32, OpCodes.Ceq);
                return true;
            case Opcode.I32Ne:
                Binary(I32, I32, OpCodes.Ceq, OpCodes.Ldc_I4_0, OpCodes.Ceq);
                return true;
            case Opcode.I32LtS:
                Binary(I32, I32, OpCodes.Clt);
                return true;
            case Opcode.I32LtU:
                Binary(I32, I32, OpCodes.Clt_Un);
                return true;
            case Opcode.I32GtS:
                Binary(I32, I32, OpCodes.Cgt);
                return true;
            case Opcode.I32GtU:
                Binary(I32, I32, OpCodes.Cgt_Un);
                return true;
            case Opcode.I32LeS:
                Binary(I32, I32, OpCodes.Cgt, OpCodes.Ldc_I4_0, OpCodes.Ceq);
                return true;
            case Opcode.I32LeU:
                Binary(I32, I32, OpCodes.Cgt_Un, OpCodes.Ldc_I4_0, OpCodes.Ceq);
                return true;
            case Opcode.I32GeS:
                Binary(I32, I32, OpCodes.Clt, OpCodes.Ldc_I4_0, OpCodes.Ceq);
                return true;
            case Opcode.I32GeU:
                Binary(I32, I32, OpCodes.Clt_Un, OpCodes.Ldc_I4_0, OpCodes.Ceq);
                return true;

            case Opcode.I64Eqz:
                Pop(I64);
                _il.Emit(OpCodes.Ldc_I8, 0L);
                _il.Emit(OpCodes.Ceq);
                Push(I32);
                return true;
            case Opcode.I64Eq:
                Binary(I64, I32, OpCodes.Ceq);
                return true;
            case Opcode.I64Ne:
                Binary(I64, I32, OpCodes.Ceq, OpCodes.Ldc_I4_0, OpCodes.Ceq);
                return true;
            case Opcode.I64LtS:
                Binary(I64, I32, OpCodes.Clt);
                return true;
            case Opcode.I64LtU:
                Binary(I64, I32, OpCodes.Clt_Un);
                return true;
            case Opcode.I64GtS:
                Binary(I64, I32, OpCodes.Cgt);
                return true;
            case Opcode.I64GtU:
                Binary(I64, I32, OpCodes.Cgt_Un);
                return true;
            case Opcode.I64LeS:
                Binary(I64, I32, OpCodes.Cgt, OpCodes.Ldc_I4_0, OpCodes.Ceq);
                return true;
            case Opcode.I64LeU:
                Binary(I64, I32, OpCodes.Cgt_Un, OpCodes.Ldc_I4_0, OpCodes.Ceq);
                return true;
            case Opcode.I64GeS:
                Binary(I64, I32, OpCodes.Clt, OpCodes.Ldc_I4_0, OpCodes.Ceq);
                return true;
            case Opcode.I64GeU:
                Binary(I64, I32, OpCodes.Clt_Un, OpCodes.Ldc_I4_0, OpCodes.Ceq);
                return true;

            // Floats: clt/cgt are false on NaN; le/ge negate the unordered-or-greater/less forms.
            case Opcode.F32Eq:
                Binary(F32, I32, OpCodes.Ceq);
                return true;
            case Opcode.F32Ne:
                Binary(F32, I32, OpCodes.Ceq, OpCodes.Ldc_I4_0, OpCodes.Ceq);
                return true;
            case Opcode.F32Lt:
                Binary(F32, I32, OpCodes.Clt);
                return true;
            case Opcode.F32Gt:
                Binary(F32, I32, OpCodes.Cgt);
                return true;
            case Opcode.F32Le:
                Binary(F32, I32, OpCodes.Cgt_Un, OpCodes.Ldc_I4_0, OpCodes.Ceq);
                return true;
            case Opcode.F32Ge:
                Binary(F32, I32, OpCodes.Clt_Un, OpCodes.Ldc_I4_0, OpCodes.Ceq);
                return true;
            case Opcode.F64Eq:
                Binary(F64, I32, OpCodes.Ceq);
                return true;
            case Opcode.F64Ne:
                Binary(F64, I32, OpCodes.Ceq, OpCodes.Ldc_I4_0, OpCodes.Ceq);
                return true;
            case Opcode.F64Lt:
                Binary(F64, I32, OpCodes.Clt);
                return true;
            case Opcode.F64Gt:
                Binary(F64, I32, OpCodes.Cgt);
                return true;
            case Opcode.F64Le:
                Binary(F64, I32, OpCodes.Cgt_Un, OpCodes.Ldc_I4_0, OpCodes.Ceq);
                return true;
            case Opcode.F64Ge:
                Binary(F64, I32, OpCodes.Clt_Un, OpCodes.Ldc_I4_0, OpCodes.Ceq);
                return true;

            case Opcode.I32Clz:
                UnaryCall(I32, I32, Methods.LeadingZeroCount32);
                return true;
            case Opcode.I32Ctz:
                UnaryCall(I32, I32, Methods.TrailingZeroCount32);
                return true;
            case Opcode.I32Popcnt:
                UnaryCall(I32, I32, Methods.PopCount32);
                return true;
            case Opcode.I32Add:
                Binary(I32, I32, OpCodes.Add);
                return true;
            case Opcode.I32Sub:
                Binary(I32, I32, OpCodes.Sub);
                return true;
            case Opcode.I32Mul:
                Binary(I32, I32, OpCodes.Mul);
                return true;
            case Opcode.I32DivS:
                Binary(I32, I32, OpCodes.Div);
                return true;
            case Opcode.I32DivU:
                Binary(I32, I32, OpCodes.Div_Un);
                return true;
            case Opcode.I32RemS:
                BinaryCall(I32, I32, Methods.I32RemS);
                return true;
            case Opcode.I32RemU:
                Binary(I32, I32, OpCodes.Rem_Un);
                return true;
            case Opcode.I32And:
                Binary(I32, I32, OpCodes.And);
                return true;
            case Opcode.I32Or:
                Binary(I32, I32, OpCodes.Or);
                return true;
            case Opcode.I32Xor:
                Binary(I32, I32, OpCodes.Xor);
                return true;
            case Opcode.I32Shl:
                Shift(I32, OpCodes.Shl);
                return true;
            case Opcode.I32ShrS:
                Shift(I32, OpCodes.Shr);
                return true;
            case Opcode.I32ShrU:
                Shift(I32, OpCodes.Shr_Un);
                return true;
            case Opcode.I32Rotl:
                BinaryCall(I32, I32, Methods.RotateLeft32);
                return true;
            case Opcode.I32Rotr:
                BinaryCall(I32, I32, Methods.RotateRight32);
                return true;

            case Opcode.I64Clz:
                UnaryCall(I64, I64, Methods.LeadingZeroCount64, OpCodes.Conv_I8);
                return true;
            case Opcode.I64Ctz:
                UnaryCall(I64, I64, Methods.TrailingZeroCount64, OpCodes.Conv_I8);
                return true;
            case Opcode.I64Popcnt:
                UnaryCall(I64, I64, Methods.PopCount64, OpCodes.Conv_I8);
                return true;
            case Opcode.I64Add:
                Binary(I64, I64, OpCodes.Add);
                return true;
            case Opcode.I64Sub:
                Binary(I64, I64, OpCodes.Sub);
                return true;
            case Opcode.I64Mul:
                Binary(I64, I64, OpCodes.Mul);
                return true;
            case Opcode.I64DivS:
                Binary(I64, I64, OpCodes.Div);
                return true;
            case Opcode.I64DivU:
                Binary(I64, I64, OpCodes.Div_Un);
                return true;
            case Opcode.I64RemS:
                BinaryCall(I64, I64, Methods.I64RemS);
                return true;
            case Opcode.I64RemU:
                Binary(I64, I64, OpCodes.Rem_Un);
                return true;
            case Opcode.I64And:
                Binary(I64, I64, OpCodes.And);
                return true;
            case Opcode.I64Or:
                Binary(I64, I64, OpCodes.Or);
                return true;
            case Opcode.I64Xor:
                Binary(I64, I64, OpCodes.Xor);
                return true;
            case Opcode.I64Shl:
                Shift(I64, OpCodes.Shl);
                return true;
            case Opcode.I64ShrS:
                Shift(I64, OpCodes.Shr);
                return true;
            case Opcode.I64ShrU:
                Shift(I64, OpCodes.Shr_Un);
                return true;
            case Opcode.I64Rotl:
                Pop(I64);
                Pop(I64);
                _il.Emit(OpCodes.Conv_I4);
                EmitCallTo(Methods.RotateLeft64);
                Push(I64);
                return true;
            case Opcode.I64Rotr:
                Pop(I64);
                Pop(I64);
                _il.Emit(OpCodes.Conv_I4);
                EmitCallTo(Methods.RotateRight64);
                Push(I64);
                return true;

            case Opcode.F32Abs:
                UnaryCall(F32, F32, Methods.F32Abs);
                return true;
            case Opcode.F32Neg:
                Unary(F32, F32, OpCodes.Neg);
                return true;
            case Opcode.F32Ceil:
                UnaryCall(F32, F32, Methods.F32Ceiling);
                return true;
            case Opcode.F32Floor:
                UnaryCall(F32, F32, Methods.F32Floor);
                return true;
            case Opcode.F32Trunc:
                UnaryCall(F32, F32, Methods.F32Truncate);
                return true;
            case Opcode.F32Nearest:
                UnaryCall(F32, F32, Methods.Op(nameof(WasmOps.F32Nearest)));
                return true;
            case Opcode.F32Sqrt:
                UnaryCall(F32, F32, Methods.F32Sqrt);
                return true;
            case Opcode.F32Add:
                Binary(F32, F32, OpCodes.Add);
                return true;
            case Opcode.F32Sub:
                Binary(F32, F32, OpCodes.Sub);
                return true;
            case Opcode.F32Mul:
                Binary(F32, F32, OpCodes.Mul);
                return true;
            case Opcode.F32Div:
                Binary(F32, F32, OpCodes.Div);
                return true;
            case Opcode.F32Min:
                BinaryCall(F32, F32, Methods.F32Min);
                return true;
            case Opcode.F32Max:
                BinaryCall(F32, F32, Methods.F32Max);
                return true;
            case Opcode.F32Copysign:
                BinaryCall(F32, F32, Methods.F32CopySign);
                return true;
            case Opcode.F64Abs:
                UnaryCall(F64, F64, Methods.F64Abs);
                return true;
            case Opcode.F64Neg:
                Unary(F64, F64, OpCodes.Neg);
                return true;
            case Opcode.F64Ceil:
                UnaryCall(F64, F64, Methods.F64Ceiling);
                return true;
            case Opcode.F64Floor:
                UnaryCall(F64, F64, Methods.F64Floor);
                return true;
            case Opcode.F64Trunc:
                UnaryCall(F64, F64, Methods.F64Truncate);
                return true;
            case Opcode.F64Nearest:
                UnaryCall(F64, F64, Methods.Op(nameof(WasmOps.F64Nearest)));
                return true;
            case Opcode.F64Sqrt:
                UnaryCall(F64, F64, Methods.F64Sqrt);
                return true;
            case Opcode.F64Add:
                Binary(F64, F64, OpCodes.Add);
                return true;
            case Opcode.F64Sub:
                Binary(F64, F64, OpCodes.Sub);
                return true;
            case Opcode.F64Mul:
                Binary(F64, F64, OpCodes.Mul);
                return true;
            case Opcode.F64Div:
                Binary(F64, F64, OpCodes.Div);
                return true;
            case Opcode.F64Min:
                BinaryCall(F64, F64, Methods.F64Min);
                return true;
            case Opcode.F64Max:
                BinaryCall(F64, F64, Methods.F64Max);
                return true;
            case Opcode.F64Copysign:
                BinaryCall(F64, F64, Methods.F64CopySign);
                return true;

            case Opcode.I32WrapI64:
                Unary(I64, I32, OpCodes.Conv_I4);
                return true;
            case Opcode.I32TruncF32S:
                UnaryCall(F32, I32, Methods.Op(nameof(WasmOps.I32TruncF32S)));
                return true;
            case Opcode.I32TruncF32U:
                UnaryCall(F32, I32, Methods.Op(nameof(WasmOps.I32TruncF32U)));
                return true;
            case Opcode.I32TruncF64S:
                UnaryCall(F64, I32, Methods.Op(nameof(WasmOps.I32TruncF64S)));
                return true;
            case Opcode.I32TruncF64U:
                UnaryCall(F64, I32, Methods.Op(nameof(WasmOps.I32TruncF64U)));
                return true;
            case Opcode.I64ExtendI32S:
                Unary(I32, I64, OpCodes.Conv_I8);
                return true;
            case Opcode.I64ExtendI32U:
                Unary(I32, I64, OpCodes.Conv_U8);
                return true;
            case Opcode.I64TruncF32S:
                UnaryCall(F32, I64, Methods.Op(nameof(WasmOps.I64TruncF32S)));
                return true;
            case Opcode.I64TruncF32U:
                UnaryCall(F32, I64, Methods.Op(nameof(WasmOps.I64TruncF32U)));
                return true;
            case Opcode.I64TruncF64S:
                UnaryCall(F64, I64, Methods.Op(nameof(WasmOps.I64TruncF64S)));
                return true;
            case Opcode.I64TruncF64U:
                UnaryCall(F64, I64, Methods.Op(nameof(WasmOps.I64TruncF64U)));
                return true;
            case Opcode.F32ConvertI32S:
                Unary(I32, F32, OpCodes.Conv_R4);
                return true;
            case Opcode.F32ConvertI32U:
                Unary(I32, F32, OpCodes.Conv_R_Un, OpCodes.Conv_R4);
                return true;
            case Opcode.F32ConvertI64S:
                Unary(I64, F32, OpCodes.Conv_R4);
                return true;
            case Opcode.F32ConvertI64U:
                UnaryCall(I64, F32, Methods.Op(nameof(WasmOps.F32ConvertI64U)));
                return true;
            case Opcode.F32DemoteF64:
                Unary(F64, F32, OpCodes.Conv_R4);
                return true;
            case Opcode.F64ConvertI32S:
                Unary(I32, F64, OpCodes.Conv_R8);
                return true;
            case Opcode.F64ConvertI32U:
                Unary(I32, F64, OpCodes.Conv_R_Un, OpCodes.Conv_R8);
                return true;
            case Opcode.F64ConvertI64S:
                Unary(I64, F64, OpCodes.Conv_R8);
                return true;
            case Opcode.F64ConvertI64U:
                UnaryCall(I64, F64, Methods.Op(nameof(WasmOps.F64ConvertI64U)));
                return true;
            case Opcode.F64PromoteF32:
                UnaryCall(F32, F64, Methods.Op(nameof(WasmOps.F64PromoteF32)));
                return true;
            case Opcode.I32ReinterpretF32:
                UnaryCall(F32, I32, Methods.SingleToInt32Bits);
                return true;
            case Opcode.I64ReinterpretF64:
                UnaryCall(F64, I64, Methods.DoubleToInt64Bits);
                return true;
            case Opcode.F32ReinterpretI32:
                UnaryCall(I32, F32, Methods.Int32BitsToSingle);
                return true;
            case Opcode.F64ReinterpretI64:
                UnaryCall(I64, F64, Methods.Int64BitsToDouble);
                return true;
            case Opcode.I32Extend8S:
                Unary(I32, I32, OpCodes.Conv_I1);
                return true;
            case Opcode.I32Extend16S:
                Unary(I32, I32, OpCodes.Conv_I2);
                return true;
            case Opcode.I64Extend8S:
                Unary(I64, I64, OpCodes.Conv_I1, OpCodes.Conv_I8);
                return true;
            case Opcode.I64Extend16S:
                Unary(I64, I64, OpCodes.Conv_I2, OpCodes.Conv_I8);
                return true;
            case Opcode.I64Extend32S:
                Unary(I64, I64, OpCodes.Conv_I4, OpCodes.Conv_I8);
                return true;

            case Opcode.I32TruncSatF32S:
                UnaryCall(F32, I32, Methods.Op(nameof(WasmOps.I32TruncSatF32S)));
                return true;
            case Opcode.I32TruncSatF32U:
                UnaryCall(F32, I32, Methods.Op(nameof(WasmOps.I32TruncSatF32U)));
                return true;
            case Opcode.I32TruncSatF64S:
                UnaryCall(F64, I32, Methods.Op(nameof(WasmOps.I32TruncSatF64S)));
                return true;
            case Opcode.I32TruncSatF64U:
                UnaryCall(F64, I32, Methods.Op(nameof(WasmOps.I32TruncSatF64U)));
                return true;
            case Opcode.I64TruncSatF32S:
                UnaryCall(F32, I64, Methods.Op(nameof(WasmOps.I64TruncSatF32S)));
                return true;
            case Opcode.I64TruncSatF32U:
                UnaryCall(F32, I64, Methods.Op(nameof(WasmOps.I64TruncSatF32U)));
                return true;
            case Opcode.I64TruncSatF64S:
                UnaryCall(F64, I64, Methods.Op(nameof(WasmOps.I64TruncSatF64S)));
                return true;
            case Opcode.I64TruncSatF64U:
                UnaryCall(F64, I64, Methods.Op(nameof(WasmOps.I64TruncSatF64U)));
                return true;
            default:
                return false;
        }
    }

    /// <summary>
    /// The JIT keeps float constants as doubles, which quiets a signalling NaN; NaN constants are therefore built
    /// from their bits at run time.
    /// </summary>
    internal void EmitF32Constant(int bits)
    {
        var value = BitConverter.Int32BitsToSingle(bits);
        if (float.IsNaN(value))
        {
            _il.Emit(OpCodes.Ldc_I4, bits);
            EmitCallTo(Methods.Op(nameof(WasmOps.F32FromBits)));
        }
        else
        {
            _il.Emit(OpCodes.Ldc_R4, value);
        }
    }

    private void Unary(ValueType operand, ValueType result, OpCode first, OpCode? second = null)
    {
        Pop(operand);
        _il.Emit(first);
        if (second is { } next)
        {
            _il.Emit(next);
        }

        Push(result);
    }

    private void UnaryCall(ValueType operand, ValueType result, MethodInfo method, OpCode? after = null)
    {
        Pop(operand);
        EmitCallTo(method);
        if (after is { } next)
        {
            _il.Emit(next);
        }

        Push(result);
    }

    private void Binary(ValueType operands, ValueType result, OpCode first, OpCode? second = null, OpCode? third = null)
    {
        Pop(operands);
        Pop(operands);
        _il.Emit(first);
        if (second is { } next)
        {
            _il.Emit(next);
        }

        if (third is { } last)
        {
            _il.Emit(last);
        }

        Push(result);
    }

    private void BinaryCall(ValueType operands, ValueType result, MethodInfo method)
    {
        Pop(operands);
        Pop(operands);
        EmitCallTo(method);
        Push(result);
    }

    private void Shift(ValueType type, OpCode shift)
    {
        Pop(type);
        Pop(type);
        // WebAssembly takes the count modulo the width; IL leaves larger counts unspecified.
        if (type == ValueType.I64)
        {
            _il.Emit(OpCodes.Conv_I4);
            _il.Emit(OpCodes.Ldc_I4, 63);
        }
        else
        {
            _il.Emit(OpCodes.Ldc_I4, 31);
        }

        _il.Emit(OpCodes.And);
        _il.Emit(shift);
        Push(type);
    }
}
