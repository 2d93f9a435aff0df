// SPDX-License-Identifier: Apache-2.0

using System.Collections.Immutable;
using System.Reflection;
using Lineage.Wasm.Compilation;
using Lineage.Wasm.Model;
using ValueType = Lineage.Wasm.Model.ValueType;

namespace Lineage.Wasm.Runtime;

/// <summary>
/// A function: defined by an instance (compiled lazily on its first call) or provided by the host. It is the value
/// of a funcref, the thing tables hold, and what imports and exports bind.
/// </summary>
/// <remarks>
/// Compiled code calls <see cref="Code"/> with the WebAssembly arguments followed by <see cref="Context"/> (the
/// owning instance, or the host delegate). The return type is void, the single result, or a value tuple of the
/// results.
/// </remarks>
public sealed unsafe partial class WasmFunction
{
    /// <summary>Managed function pointer of the code, or 0 until the function is compiled.</summary>
    internal nint Code;

    /// <summary>The last argument passed to <see cref="Code"/>.</summary>
    internal readonly object Context;

    /// <summary>The defining instance (null for host functions).</summary>
    internal readonly WasmInstance? Owner;

    /// <summary>The index in the owner's function index space.</summary>
    internal readonly int Index;

    private Invoker? _invoker;

    internal WasmFunction(FunctionType type, WasmInstance owner, int index)
    {
        Type = type;
        Owner = owner;
        Index = index;
        Context = owner;
    }

    private WasmFunction(FunctionType type, nint code, object context)
    {
        Type = type;
        Code = code;
        Context = context;
        Index = -1;
    }

    /// <summary>The delegate type of the packed invoker: (code, context, arguments, results).</summary>
    internal delegate void Invoker(nint code, object context, WasmValue[] arguments, WasmValue[] results);

    /// <summary>The function's signature.</summary>
    public FunctionType Type { get; }

    /// <summary>Whether the host provides this function.</summary>
    public bool IsHostFunction => Owner is null;

    /// <summary>
    /// A host function from a typed delegate: <c>Func&lt;..&gt;</c> or <c>Action&lt;..&gt;</c> with up to six
    /// parameters of <c>int</c>, <c>long</c>, <c>float</c>, <c>double</c>, <c>Vector128&lt;byte&gt;</c>,
    /// <see cref="WasmFunction"/> (funcref) or <see cref="object"/> (externref). Calls do not box.
    /// </summary>
    public static WasmFunction FromDelegate(Delegate function)
    {
        ArgumentNullException.ThrowIfNull(function);
        var delegateType = function.GetType();
        var invoke = delegateType.GetMethod("Invoke")!;
        var parameters = invoke.GetParameters().Select(p => p.ParameterType).ToArray();
        var returnType = invoke.ReturnType;
        var isFunc = returnType != typeof(void);
        var expected = isFunc
            ? parameters.Length switch
            {
                0 => typeof(Func<>),
                1 => typeof(Func<,>),
                2 => typeof(Func<,,>),
                3 => typeof(Func<,,,>),
                4 => typeof(Func<,,,,>),
                5 => typeof(Func<,,,,,>),
                6 => typeof(Func<,,,,,,>),
                _ => null,
            }
            : parameters.Length switch
            {
                0 => typeof(Action),
                1 => typeof(Action<>),
                2 => typeof(Action<,>),
                3 => typeof(Action<,,>),
                4 => typeof(Action<,,,>),
                5 => typeof(Action<,,,,>),
                6 => typeof(Action<,,,,,>),
                _ => null,
            };
        var definition = delegateType.IsGenericType ? delegateType.GetGenericTypeDefinition() : delegateType;
        if (expected is null || definition != expected)
        {
            throw new ArgumentException("use Func<..> or Action<..> with at most 6 parameters, or FromCallback", nameof(function));
        }

        var parameterTypes = parameters.Select(p => WasmValueTypes.FromClrType(p)
            ?? throw new ArgumentException($"{p} is not a WebAssembly value type", nameof(function))).ToImmutableArray();
        var resultTypes = isFunc
            ? [WasmValueTypes.FromClrType(returnType) ?? throw new ArgumentException($"{returnType} is not a WebAssembly value type", nameof(function))]
            : ImmutableArray<ValueType>.Empty;
        var adapterName = (isFunc ? "Func" : "Action") + parameters.Length;
        var adapter = typeof(HostAdapters).GetMethod(adapterName, BindingFlags.Public | BindingFlags.Static)!;
        var genericArguments = isFunc ? [.. parameters, returnType] : parameters;
        if (genericArguments.Length > 0)
        {
            adapter = adapter.MakeGenericMethod(genericArguments);
        }

        var code = adapter.MethodHandle.GetFunctionPointer();
        return new WasmFunction(new FunctionType(parameterTypes, resultTypes), code, function);
    }

    /// <summary>A host function of any signature (e.g. several results) that receives and returns packed values.</summary>
    public static WasmFunction FromCallback(FunctionType type, HostCallback callback)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(callback);
        var adapter = HostCallbackAdapter.Create(type);
        return new WasmFunction(type, adapter.Code, new HostCallbackAdapter.State(type, callback, adapter.Method));
    }

    /// <summary>
    /// Calls the function with packed values and returns its results. Runs on the store's guest thread; traps
    /// surface as <see cref="WasmTrapException"/>.
    /// </summary>
    public WasmValue[] Invoke(params ReadOnlySpan<WasmValue> arguments)
    {
        var parameterTypes = Type.Parameters;
        if (arguments.Length != parameterTypes.Length)
        {
            throw new ArgumentException($"expected {parameterTypes.Length} arguments, got {arguments.Length}", nameof(arguments));
        }

        for (var i = 0; i < arguments.Length; i++)
        {
            if (arguments[i].Type != parameterTypes[i])
            {
                throw new ArgumentException($"argument {i} must be {ValueTypes.Name(parameterTypes[i])}", nameof(arguments));
            }

            if (arguments[i].Type == ValueType.FuncRef && arguments[i].Reference is not null and not WasmFunction)
            {
                throw new ArgumentException($"argument {i} must be a WasmFunction or null", nameof(arguments));
            }
        }

        var packed = arguments.ToArray();
        var results = new WasmValue[Type.Results.Length];
        var invoker = _invoker ??= InvokerEmitter.Create(Type);
        Execute(static (function, state) =>
        {
            var (invoker, packed, results) = state;
            invoker(function.EnsureCode(), function.Context, packed, results);
            return 0;
        }, (invoker, packed, results));
        return results;
    }

    /// <summary>The code pointer, compiling the function first if needed.</summary>
    internal nint EnsureCode()
    {
        var code = Code;
        return code != 0 ? code : Owner!.CompileFunction(Index);
    }

    /// <summary>Runs <paramref name="body"/> on the guest thread of the owning store, translating CLR faults into traps.</summary>
    internal TResult Execute<TState, TResult>(Func<WasmFunction, TState, TResult> body, TState state)
    {
        if (Owner is null)
        {
            return WasmStore.TranslateFaults(this, body, state);
        }

        return Owner.Store.Execute(this, body, state);
    }

    private void CheckSignature(ReadOnlySpan<Type> parameterTypes, Type? resultType)
    {
        var parameters = Type.Parameters;
        var ok = parameters.Length == parameterTypes.Length;
        for (var i = 0; ok && i < parameterTypes.Length; i++)
        {
            ok = WasmValueTypes.Matches(parameterTypes[i], parameters[i]);
        }

        var results = Type.Results;
        ok = ok && (resultType is null ? results.Length == 0 : results.Length == 1 && WasmValueTypes.Matches(resultType, results[0]));
        if (!ok)
        {
            throw new ArgumentException($"the function's type is {Type}");
        }
    }
}
