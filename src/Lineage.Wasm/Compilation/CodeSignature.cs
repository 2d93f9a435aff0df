// SPDX-License-Identifier: Apache-2.0

using System.Reflection;
using System.Reflection.Emit;
using Lineage.Wasm.Model;
using Lineage.Wasm.Runtime;
using ValueType = Lineage.Wasm.Model.ValueType;

namespace Lineage.Wasm.Compilation;

/// <summary>
/// The CLR signature of compiled code for a function type: the WebAssembly parameters, then the context object;
/// returning void, the single result, or a <see cref="ValueTuple"/> of the results (nested through <c>Rest</c>
/// beyond seven).
/// </summary>
internal static class CodeSignature
{
    public static Type[] ParameterTypes(FunctionType type)
    {
        var parameters = new Type[type.Parameters.Length + 1];
        for (var i = 0; i < type.Parameters.Length; i++)
        {
            parameters[i] = WasmValueTypes.ClrType(type.Parameters[i]);
        }

        parameters[^1] = typeof(object);
        return parameters;
    }

    public static Type ReturnType(FunctionType type) => type.Results.Length switch
    {
        0 => typeof(void),
        1 => WasmValueTypes.ClrType(type.Results[0]),
        _ => TupleType(type.Results.AsSpan()),
    };

    public static Type TupleType(ReadOnlySpan<ValueType> results)
    {
        if (results.Length <= 7)
        {
            var arguments = new Type[results.Length];
            for (var i = 0; i < results.Length; i++)
            {
                arguments[i] = WasmValueTypes.ClrType(results[i]);
            }

            return Definition(results.Length).MakeGenericType(arguments);
        }

        var withRest = new Type[8];
        for (var i = 0; i < 7; i++)
        {
            withRest[i] = WasmValueTypes.ClrType(results[i]);
        }

        withRest[7] = TupleType(results[7..]);
        return typeof(ValueTuple<,,,,,,,>).MakeGenericType(withRest);
    }

    /// <summary>Builds the tuple from the values on the IL stack (bottom = first result).</summary>
    public static void EmitPack(ILGenerator il, ReadOnlySpan<ValueType> results, Func<Type, LocalBuilder> temp)
    {
        var tupleType = TupleType(results);
        if (results.Length <= 7)
        {
            il.Emit(OpCodes.Newobj, tupleType.GetConstructors()[0]);
            return;
        }

        var rest = results[7..];
        var temps = new LocalBuilder[rest.Length];
        for (var i = rest.Length - 1; i >= 0; i--)
        {
            temps[i] = temp(WasmValueTypes.ClrType(rest[i]));
            il.Emit(OpCodes.Stloc, temps[i]);
        }

        EmitPackFromLocals(il, rest, temps);
        il.Emit(OpCodes.Newobj, tupleType.GetConstructors()[0]);
    }

    /// <summary>Pushes every item of the tuple in <paramref name="tuple"/>, first result first.</summary>
    public static void EmitUnpack(ILGenerator il, LocalBuilder tuple, int count)
    {
        var path = new List<FieldInfo>();
        var type = tuple.LocalType;
        for (var i = 0; i < count; i++)
        {
            var position = i % 7;
            if (i > 0 && position == 0)
            {
                var restField = type.GetField("Rest")!;
                path.Add(restField);
                type = restField.FieldType;
            }

            il.Emit(OpCodes.Ldloca, tuple);
            foreach (var field in path)
            {
                il.Emit(OpCodes.Ldflda, field);
            }

            il.Emit(OpCodes.Ldfld, type.GetField("Item" + (position + 1))!);
        }
    }

    private static void EmitPackFromLocals(ILGenerator il, ReadOnlySpan<ValueType> results, LocalBuilder[] locals)
    {
        var direct = Math.Min(results.Length, 7);
        for (var i = 0; i < direct; i++)
        {
            il.Emit(OpCodes.Ldloc, locals[i]);
        }

        if (results.Length > 7)
        {
            EmitPackFromLocals(il, results[7..], locals[7..]);
        }

        il.Emit(OpCodes.Newobj, TupleType(results).GetConstructors()[0]);
    }

    private static Type Definition(int count) => count switch
    {
        0 => typeof(ValueTuple),
        1 => typeof(ValueTuple<>),
        2 => typeof(ValueTuple<,>),
        3 => typeof(ValueTuple<,,>),
        4 => typeof(ValueTuple<,,,>),
        5 => typeof(ValueTuple<,,,,>),
        6 => typeof(ValueTuple<,,,,,>),
        _ => typeof(ValueTuple<,,,,,,>),
    };
}
