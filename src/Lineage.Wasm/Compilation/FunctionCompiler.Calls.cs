// SPDX-License-Identifier: Apache-2.0

using System.Reflection.Emit;
using Lineage.Wasm.Instructions;
using Lineage.Wasm.Model;
using Lineage.Wasm.Runtime;
using ValueType = Lineage.Wasm.Model.ValueType;

namespace Lineage.Wasm.Compilation;

/// <summary>Locals, globals and calls.</summary>
internal sealed unsafe partial class FunctionCompiler
{
    private bool EmitVariable(in Instruction instruction)
    {
        var index = (int)instruction.Index;
        switch (instruction.Opcode)
        {
            case Opcode.LocalGet:
                EmitLoadLocal(CheckLocal(index));
                Push(_localTypes[index]);
                return true;
            case Opcode.LocalSet:
                Pop(_localTypes[CheckLocal(index)]);
                EmitStoreLocal(index);
                return true;
            case Opcode.LocalTee:
                Pop(_localTypes[CheckLocal(index)]);
                _il.Emit(OpCodes.Dup);
                EmitStoreLocal(index);
                Push(_localTypes[index]);
                return true;
            case Opcode.GlobalGet:
                EmitGlobalGet(index);
                return true;
            case Opcode.GlobalSet:
                EmitGlobalSet(index);
                return true;
            default:
                return false;
        }
    }

    private int CheckLocal(int index) =>
        (uint)index < (uint)_localTypes.Length ? index : throw Fail($"unknown local {index}");

    private void EmitLoadLocal(int index)
    {
        if (index < _parameterCount)
        {
            _il.Emit(OpCodes.Ldarg, index);
        }
        else
        {
            _il.Emit(OpCodes.Ldloc, _locals[index]!);
        }
    }

    private void EmitStoreLocal(int index)
    {
        if (index < _parameterCount)
        {
            _il.Emit(OpCodes.Starg, index);
        }
        else
        {
            _il.Emit(OpCodes.Stloc, _locals[index]!);
        }
    }

    private void EmitGlobalGet(int index)
    {
        var global = _instance.Globals[index];
        var type = global.Type.ValueType;
        if (!global.Type.Mutable && ValueTypes.IsNumeric(type))
        {
            // Immutable globals are fixed at instantiation, before any code is compiled.
            switch (type)
            {
                case ValueType.I32:
                    _il.Emit(OpCodes.Ldc_I4, global.I32);
                    break;
                case ValueType.I64:
                    _il.Emit(OpCodes.Ldc_I8, global.I64);
                    break;
                case ValueType.F32:
                    EmitF32Constant(BitConverter.SingleToInt32Bits(global.F32));
                    break;
                default:
                    _il.Emit(OpCodes.Ldc_R8, global.F64);
                    break;
            }
        }
        else
        {
            EmitGlobalCell(index);
            EmitField(OpCodes.Ldfld, Methods.GlobalField(type));
        }

        Push(type);
    }

    private void EmitGlobalSet(int index)
    {
        var type = _instance.Globals[index].Type.ValueType;
        Pop(type);
        var value = RentTemp(WasmValueTypes.ClrType(type));
        _il.Emit(OpCodes.Stloc, value);
        EmitGlobalCell(index);
        _il.Emit(OpCodes.Ldloc, value);
        EmitField(OpCodes.Stfld, Methods.GlobalField(type));
        ReturnTemp(value);
    }

    private void EmitGlobalCell(int index)
    {
        EmitLoadContext(Methods.InstanceGlobals);
        _il.Emit(OpCodes.Ldc_I4, index);
        _il.Emit(OpCodes.Ldelem_Ref);
    }

    private void PopArguments(FunctionType type)
    {
        for (var i = type.Parameters.Length - 1; i >= 0; i--)
        {
            Pop(type.Parameters[i]);
        }
    }

    private void PushResults(FunctionType type, Type returnType)
    {
        if (type.Results.Length > 1)
        {
            var tuple = RentTemp(returnType);
            _il.Emit(OpCodes.Stloc, tuple);
            CodeSignature.EmitUnpack(_il, tuple, type.Results.Length);
            ReturnTemp(tuple);
        }

        foreach (var result in type.Results)
        {
            Push(result);
        }

        ReloadMemoryLength();
    }

    private void EmitCall(int index)
    {
        if ((uint)index >= (uint)_instance.Functions.Length)
        {
            throw Fail($"unknown function {index}");
        }

        var type = _instance.Functions[index].Type;
        PopArguments(type);
        var returnType = CodeSignature.ReturnType(type);
        var parameterTypes = CodeSignature.ParameterTypes(type);
        if (index < _module.ImportedFunctionCount)
        {
            // Imported: the function object carries its own context and code pointer.
            var function = RentTemp(typeof(WasmFunction));
            EmitLoadContext(Methods.InstanceFunctions);
            _il.Emit(OpCodes.Ldc_I4, index);
            _il.Emit(OpCodes.Ldelem_Ref);
            _il.Emit(OpCodes.Dup);
            _il.Emit(OpCodes.Stloc, function);
            EmitField(OpCodes.Ldfld, Methods.FunctionContext);
            _il.Emit(OpCodes.Ldloc, function);
            EmitCallTo(Methods.FunctionEnsureCode);
            EmitCalliFor(type);
            ReturnTemp(function);
        }
        else if (index == _functionIndex)
        {
            _il.Emit(OpCodes.Ldarg, ContextArgument);
            EmitCallTo(_method);
        }
        else if (_instance.TryGetCompiledMethod(index) is { } compiled)
        {
            _il.Emit(OpCodes.Ldarg, ContextArgument);
            EmitCallTo(compiled);
        }
        else
        {
            // Not compiled yet: through the code table, compiling on the first call.
            var ready = _il.DefineLabel();
            _il.Emit(OpCodes.Ldarg, ContextArgument);
            _il.Emit(OpCodes.Ldc_I8, (long)(_instance.CodeTable + index));
            _il.Emit(OpCodes.Conv_U);
            _il.Emit(OpCodes.Ldind_I);
            _il.Emit(OpCodes.Dup);
            _il.Emit(OpCodes.Brtrue, ready);
            _il.Emit(OpCodes.Pop);
            _il.Emit(OpCodes.Ldarg, ContextArgument);
            _il.Emit(OpCodes.Ldc_I4, index);
            EmitCallTo(Methods.InstanceCompileFunction);
            _il.MarkLabel(ready);
            EmitCalliFor(type);
        }

        PushResults(type, returnType);
    }

    private void EmitCallIndirect(int typeIndex, int tableIndex)
    {
        var type = _instance.Types[typeIndex];
        Pop(ValueType.I32);
        PopArguments(type);
        var returnType = CodeSignature.ReturnType(type);
        var elementIndex = RentTemp(typeof(int));
        var function = RentTemp(typeof(WasmFunction));
        _il.Emit(OpCodes.Stloc, elementIndex);
        EmitLoadContext(Methods.InstanceTables);
        _il.Emit(OpCodes.Ldc_I4, tableIndex);
        _il.Emit(OpCodes.Ldelem_Ref);
        _il.Emit(OpCodes.Ldloc, elementIndex);
        EmitLoadContext(Methods.InstanceTypes);
        _il.Emit(OpCodes.Ldc_I4, typeIndex);
        _il.Emit(OpCodes.Ldelem_Ref);
        EmitCallTo(Methods.ResolveIndirect);
        _il.Emit(OpCodes.Dup);
        _il.Emit(OpCodes.Stloc, function);
        EmitField(OpCodes.Ldfld, Methods.FunctionContext);
        _il.Emit(OpCodes.Ldloc, function);
        EmitField(OpCodes.Ldfld, Methods.FunctionCode);
        EmitCalliFor(type);
        ReturnTemp(elementIndex);
        ReturnTemp(function);
        PushResults(type, returnType);
    }
}
