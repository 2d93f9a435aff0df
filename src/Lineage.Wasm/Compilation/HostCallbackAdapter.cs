// SPDX-License-Identifier: Apache-2.0

using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Reflection.Emit;
using Lineage.Wasm.Model;
using Lineage.Wasm.Runtime;

namespace Lineage.Wasm.Compilation;

/// <summary>
/// Emits the entry point of a <see cref="HostCallback"/> host function: compiled code calls it like any function;
/// it packs the arguments, calls the callback and unpacks (and type-checks) the results.
/// </summary>
internal static class HostCallbackAdapter
{
    private static readonly MethodInfo s_call = typeof(HostCallbackAdapter).GetMethod(nameof(Call), BindingFlags.Public | BindingFlags.Static)!;

    public static (nint Code, MethodInfo Method) Create(FunctionType type)
    {
        var parameterTypes = CodeSignature.ParameterTypes(type);
        var typeBuilder = DynamicCode.CreateModule("Host").DefineType("host", TypeAttributes.Public | TypeAttributes.Sealed | TypeAttributes.Abstract);
        var builder = typeBuilder.DefineMethod("call", MethodAttributes.Public | MethodAttributes.Static, CodeSignature.ReturnType(type), parameterTypes);
        var il = builder.GetILGenerator();
        var arguments = il.DeclareLocal(typeof(WasmValue[]));
        var results = il.DeclareLocal(typeof(WasmValue[]));
        il.Emit(OpCodes.Ldc_I4, type.Parameters.Length);
        il.Emit(OpCodes.Newarr, typeof(WasmValue));
        il.Emit(OpCodes.Stloc, arguments);
        for (var i = 0; i < type.Parameters.Length; i++)
        {
            il.Emit(OpCodes.Ldloc, arguments);
            il.Emit(OpCodes.Ldc_I4, i);
            il.Emit(OpCodes.Ldarg, i);
            ValueConversions.EmitWrap(il, type.Parameters[i]);
            il.Emit(OpCodes.Stelem, typeof(WasmValue));
        }

        il.Emit(OpCodes.Ldc_I4, type.Results.Length);
        il.Emit(OpCodes.Newarr, typeof(WasmValue));
        il.Emit(OpCodes.Stloc, results);
        il.Emit(OpCodes.Ldarg, type.Parameters.Length);
        il.Emit(OpCodes.Ldloc, arguments);
        il.Emit(OpCodes.Ldloc, results);
        il.Emit(OpCodes.Call, s_call);
        for (var i = 0; i < type.Results.Length; i++)
        {
            il.Emit(OpCodes.Ldloc, results);
            il.Emit(OpCodes.Ldc_I4, i);
            il.Emit(OpCodes.Ldelema, typeof(WasmValue));
            ValueConversions.EmitRead(il, type.Results[i]);
        }

        if (type.Results.Length > 1)
        {
            CodeSignature.EmitPack(il, type.Results.AsSpan(), il.DeclareLocal);
        }

        il.Emit(OpCodes.Ret);
        var method = typeBuilder.CreateType().GetMethod("call")!;
        return (method.MethodHandle.GetFunctionPointer(), method);
    }

    /// <summary>Called by the emitted entry point.</summary>
    [SuppressMessage("Design", "CA1031:Do not catch general exception types", Justification = "Host errors become traps.")]
    public static void Call(object context, WasmValue[] arguments, WasmValue[] results)
    {
        var state = (State)context;
        try
        {
            state.Callback(arguments, results);
        }
        catch (Exception exception) when (exception is not WasmTrapException)
        {
            throw HostAdapters.HostError(exception);
        }

        for (var i = 0; i < results.Length; i++)
        {
            var expected = state.Type.Results[i];
            if (results[i].Type != expected)
            {
                throw new WasmTrapException(TrapCode.HostError,
                    $"host function returned a {ValueTypes.Name(results[i].Type)} for result {i}, expected {ValueTypes.Name(expected)}", null);
            }
        }
    }

    /// <summary>The context object of a callback host function; keeps the emitted entry point alive.</summary>
    internal sealed class State(FunctionType type, HostCallback callback, MethodInfo method)
    {
        public FunctionType Type { get; } = type;

        public HostCallback Callback { get; } = callback;

        public MethodInfo Method { get; } = method;
    }
}
