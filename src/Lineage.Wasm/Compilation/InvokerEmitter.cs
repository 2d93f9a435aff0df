// SPDX-License-Identifier: Apache-2.0

using System.Reflection.Emit;
using Lineage.Wasm.Model;
using Lineage.Wasm.Runtime;

namespace Lineage.Wasm.Compilation;

/// <summary>
/// Emits the packed invoker of a signature: unpacks <see cref="WasmValue"/> arguments, calls the code pointer with
/// <c>calli</c>, packs the results. Used by <see cref="WasmFunction.Invoke"/>, the slow but general path.
/// </summary>
internal static class InvokerEmitter
{
    public static WasmFunction.Invoker Create(FunctionType type)
    {
        var method = new DynamicMethod("invoke " + type, typeof(void),
            [typeof(nint), typeof(object), typeof(WasmValue[]), typeof(WasmValue[])], typeof(InvokerEmitter).Module, skipVisibility: true);
        var il = method.GetILGenerator();
        for (var i = 0; i < type.Parameters.Length; i++)
        {
            il.Emit(OpCodes.Ldarg_2);
            il.Emit(OpCodes.Ldc_I4, i);
            il.Emit(OpCodes.Ldelema, typeof(WasmValue));
            ValueConversions.EmitRead(il, type.Parameters[i]);
        }

        il.Emit(OpCodes.Ldarg_1);
        il.Emit(OpCodes.Ldarg_0);
        var returnType = CodeSignature.ReturnType(type);
        il.EmitCalli(OpCodes.Calli, System.Reflection.CallingConventions.Standard,
            returnType, CodeSignature.ParameterTypes(type), null);
        var results = type.Results;
        if (results.Length == 1)
        {
            var result = il.DeclareLocal(returnType);
            il.Emit(OpCodes.Stloc, result);
            il.Emit(OpCodes.Ldarg_3);
            il.Emit(OpCodes.Ldc_I4_0);
            il.Emit(OpCodes.Ldloc, result);
            ValueConversions.EmitWrap(il, results[0]);
            il.Emit(OpCodes.Stelem, typeof(WasmValue));
        }
        else if (results.Length > 1)
        {
            var tuple = il.DeclareLocal(returnType);
            il.Emit(OpCodes.Stloc, tuple);
            var values = new LocalBuilder[results.Length];
            CodeSignature.EmitUnpack(il, tuple, results.Length);
            for (var i = results.Length - 1; i >= 0; i--)
            {
                values[i] = il.DeclareLocal(WasmValueTypes.ClrType(results[i]));
                il.Emit(OpCodes.Stloc, values[i]);
            }

            for (var i = 0; i < results.Length; i++)
            {
                il.Emit(OpCodes.Ldarg_3);
                il.Emit(OpCodes.Ldc_I4, i);
                il.Emit(OpCodes.Ldloc, values[i]);
                ValueConversions.EmitWrap(il, results[i]);
                il.Emit(OpCodes.Stelem, typeof(WasmValue));
            }
        }

        il.Emit(OpCodes.Ret);
        return method.CreateDelegate<WasmFunction.Invoker>();
    }
}
