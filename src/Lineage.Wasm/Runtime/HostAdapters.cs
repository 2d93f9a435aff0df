// SPDX-License-Identifier: Apache-2.0

using System.Diagnostics.CodeAnalysis;

namespace Lineage.Wasm.Runtime;

/// <summary>
/// Entry points for typed host functions. Each is called by compiled code with the WebAssembly arguments followed
/// by the context object, which is the host delegate itself, so a host call is one indirect call plus a delegate
/// invoke, with no boxing. Exceptions other than traps become <see cref="TrapCode.HostError"/> traps.
/// </summary>
[SuppressMessage("Design", "CA1031:Do not catch general exception types", Justification = "Host errors become traps.")]
internal static class HostAdapters
{
    public static TResult Func0<TResult>(object context)
    {
        try
        {
            return ((Func<TResult>)context)();
        }
        catch (Exception exception) when (exception is not WasmTrapException)
        {
            throw HostError(exception);
        }
    }

    public static void Action0(object context)
    {
        try
        {
            ((Action)context)();
        }
        catch (Exception exception) when (exception is not WasmTrapException)
        {
            throw HostError(exception);
        }
    }

    public static TResult Func1<T1, TResult>(T1 a1, object context)
    {
        try
        {
            return ((Func<T1, TResult>)context)(a1);
        }
        catch (Exception exception) when (exception is not WasmTrapException)
        {
            throw HostError(exception);
        }
    }

    public static void Action1<T1>(T1 a1, object context)
    {
        try
        {
            ((Action<T1>)context)(a1);
        }
        catch (Exception exception) when (exception is not WasmTrapException)
        {
            throw HostError(exception);
        }
    }

    public static TResult Func2<T1, T2, TResult>(T1 a1, T2 a2, object context)
    {
        try
        {
            return ((Func<T1, T2, TResult>)context)(a1, a2);
        }
        catch (Exception exception) when (exception is not WasmTrapException)
        {
            throw HostError(exception);
        }
    }

    public static void Action2<T1, T2>(T1 a1, T2 a2, object context)
    {
        try
        {
            ((Action<T1, T2>)context)(a1, a2);
        }
        catch (Exception exception) when (exception is not WasmTrapException)
        {
            throw HostError(exception);
        }
    }

    public static TResult Func3<T1, T2, T3, TResult>(T1 a1, T2 a2, T3 a3, object context)
    {
        try
        {
            return ((Func<T1, T2, T3, TResult>)context)(a1, a2, a3);
        }
        catch (Exception exception) when (exception is not WasmTrapException)
        {
            throw HostError(exception);
        }
    }

    public static void Action3<T1, T2, T3>(T1 a1, T2 a2, T3 a3, object context)
    {
        try
        {
            ((Action<T1, T2, T3>)context)(a1, a2, a3);
        }
        catch (Exception exception) when (exception is not WasmTrapException)
        {
            throw HostError(exception);
        }
    }

    public static TResult Func4<T1, T2, T3, T4, TResult>(T1 a1, T2 a2, T3 a3, T4 a4, object context)
    {
        try
        {
            return ((Func<T1, T2, T3, T4, TResult>)context)(a1, a2, a3, a4);
        }
        catch (Exception exception) when (exception is not WasmTrapException)
        {
            throw HostError(exception);
        }
    }

    public static void Action4<T1, T2, T3, T4>(T1 a1, T2 a2, T3 a3, T4 a4, object context)
    {
        try
        {
            ((Action<T1, T2, T3, T4>)context)(a1, a2, a3, a4);
        }
        catch (Exception exception) when (exception is not WasmTrapException)
        {
            throw HostError(exception);
        }
    }

    public static TResult Func5<T1, T2, T3, T4, T5, TResult>(T1 a1, T2 a2, T3 a3, T4 a4, T5 a5, object context)
    {
        try
        {
            return ((Func<T1, T2, T3, T4, T5, TResult>)context)(a1, a2, a3, a4, a5);
        }
        catch (Exception exception) when (exception is not WasmTrapException)
        {
            throw HostError(exception);
        }
    }

    public static void Action5<T1, T2, T3, T4, T5>(T1 a1, T2 a2, T3 a3, T4 a4, T5 a5, object context)
    {
        try
        {
            ((Action<T1, T2, T3, T4, T5>)context)(a1, a2, a3, a4, a5);
        }
        catch (Exception exception) when (exception is not WasmTrapException)
        {
            throw HostError(exception);
        }
    }

    public static TResult Func6<T1, T2, T3, T4, T5, T6, TResult>(T1 a1, T2 a2, T3 a3, T4 a4, T5 a5, T6 a6, object context)
    {
        try
        {
            return ((Func<T1, T2, T3, T4, T5, T6, TResult>)context)(a1, a2, a3, a4, a5, a6);
        }
        catch (Exception exception) when (exception is not WasmTrapException)
        {
            throw HostError(exception);
        }
    }

    public static void Action6<T1, T2, T3, T4, T5, T6>(T1 a1, T2 a2, T3 a3, T4 a4, T5 a5, T6 a6, object context)
    {
        try
        {
            ((Action<T1, T2, T3, T4, T5, T6>)context)(a1, a2, a3, a4, a5, a6);
        }
        catch (Exception exception) when (exception is not WasmTrapException)
        {
            throw HostError(exception);
        }
    }

    internal static WasmTrapException HostError(Exception exception) =>
        new(TrapCode.HostError, "host function failed: " + exception.Message, exception);
}
