// SPDX-License-Identifier: Apache-2.0

using System.Reflection;
using System.Reflection.Emit;
using Lineage.Wasm.Instructions;
using Lineage.Wasm.Model;
using ValueType = Lineage.Wasm.Model.ValueType;

namespace Lineage.Wasm.Compilation;

/// <summary>Reference instructions and table operations.</summary>
internal sealed partial class FunctionCompiler
{
    private bool EmitReference(in Instruction instruction)
    {
        var index = (int)instruction.Index;
        switch (instruction.Opcode)
        {
            case Opcode.RefNull:
                _il.Emit(OpCodes.Ldnull);
                Push(instruction.ValueType);
                return true;
            case Opcode.RefIsNull:
                var type = PopAny();
                if (!ValueTypes.IsReference(type))
                {
                    throw Fail("ref.is_null expects a reference");
                }

                _il.Emit(OpCodes.Ldnull);
                _il.Emit(OpCodes.Ceq);
                Push(ValueType.I32);
                return true;
            case Opcode.RefFunc:
                EmitLoadContext(Methods.InstanceFunctions);
                _il.Emit(OpCodes.Ldc_I4, index);
                _il.Emit(OpCodes.Ldelem_Ref);
                Push(ValueType.FuncRef);
                return true;
            case Opcode.TableGet:
                Pop(ValueType.I32);
                EmitTableCall(Methods.Op(nameof(WasmOps.TableGet)), index);
                Push(TableElementType(index));
                return true;
            case Opcode.TableSet:
                Pop(TableElementType(index));
                Pop(ValueType.I32);
                EmitTableCall(Methods.Op(nameof(WasmOps.TableSet)), index);
                return true;
            case Opcode.TableSize:
                EmitTableCall(Methods.Op(nameof(WasmOps.TableSize)), index);
                Push(ValueType.I32);
                return true;
            case Opcode.TableGrow:
                Pop(ValueType.I32);
                Pop(TableElementType(index));
                EmitTableCall(Methods.Op(nameof(WasmOps.TableGrow)), index);
                Push(ValueType.I32);
                return true;
            case Opcode.TableFill:
                Pop(ValueType.I32);
                Pop(TableElementType(index));
                Pop(ValueType.I32);
                EmitTableCall(Methods.Op(nameof(WasmOps.TableFill)), index);
                return true;
            case Opcode.TableCopy:
                PopThreeI32();
                _il.Emit(OpCodes.Ldarg, ContextArgument);
                _il.Emit(OpCodes.Ldc_I4, index);
                _il.Emit(OpCodes.Ldc_I4, (int)instruction.SecondIndex);
                EmitCallTo(Methods.Op(nameof(WasmOps.TableCopy)));
                return true;
            case Opcode.TableInit:
                // Immediates: element segment, then table.
                PopThreeI32();
                _il.Emit(OpCodes.Ldarg, ContextArgument);
                _il.Emit(OpCodes.Ldc_I4, (int)instruction.SecondIndex);
                _il.Emit(OpCodes.Ldc_I4, index);
                EmitCallTo(Methods.Op(nameof(WasmOps.TableInit)));
                return true;
            case Opcode.ElemDrop:
                _il.Emit(OpCodes.Ldarg, ContextArgument);
                _il.Emit(OpCodes.Ldc_I4, index);
                EmitCallTo(Methods.Op(nameof(WasmOps.ElemDrop)));
                return true;
            default:
                return false;
        }
    }

    private ValueType TableElementType(int table) =>
        (uint)table < (uint)_instance.Tables.Length ? _instance.Tables[table].ElementType : throw Fail($"unknown table {table}");

    private void EmitTableCall(MethodInfo helper, int table)
    {
        _il.Emit(OpCodes.Ldarg, ContextArgument);
        _il.Emit(OpCodes.Ldc_I4, table);
        EmitCallTo(helper);
    }
}
