// SPDX-License-Identifier: Apache-2.0

namespace Lineage.Wasm.Runtime;

/// <summary>Typed calls: no packing, no boxing; the CLR types must match the signature exactly.</summary>
public sealed unsafe partial class WasmFunction
{
    /// <summary>Calls a function of 0 parameter(s) and one result.</summary>
    public TResult Call<TResult>()
    {
        CheckSignature([], typeof(TResult));
        return Execute(static (f, s) => ((delegate*<object, TResult>)f.EnsureCode())(f.Context), 0);
    }

    /// <summary>Calls a function of 0 parameter(s) and no result.</summary>
    public void CallVoid()
    {
        CheckSignature([], null);
        _ = Execute(static (f, s) =>
        {
            ((delegate*<object, void>)f.EnsureCode())(f.Context);
            return 0;
        }, 0);
    }

    /// <summary>Calls a function of 1 parameter(s) and one result.</summary>
    public TResult Call<T1, TResult>(T1 a1)
    {
        CheckSignature([typeof(T1)], typeof(TResult));
        return Execute(static (f, s) => ((delegate*<T1, object, TResult>)f.EnsureCode())(s, f.Context), a1);
    }

    /// <summary>Calls a function of 1 parameter(s) and no result.</summary>
    public void CallVoid<T1>(T1 a1)
    {
        CheckSignature([typeof(T1)], null);
        _ = Execute(static (f, s) =>
        {
            ((delegate*<T1, object, void>)f.EnsureCode())(s, f.Context);
            return 0;
        }, a1);
    }

    /// <summary>Calls a function of 2 parameter(s) and one result.</summary>
    public TResult Call<T1, T2, TResult>(T1 a1, T2 a2)
    {
        CheckSignature([typeof(T1), typeof(T2)], typeof(TResult));
        return Execute(static (f, s) => ((delegate*<T1, T2, object, TResult>)f.EnsureCode())(s.Item1, s.Item2, f.Context), (a1, a2));
    }

    /// <summary>Calls a function of 2 parameter(s) and no result.</summary>
    public void CallVoid<T1, T2>(T1 a1, T2 a2)
    {
        CheckSignature([typeof(T1), typeof(T2)], null);
        _ = Execute(static (f, s) =>
        {
            ((delegate*<T1, T2, object, void>)f.EnsureCode())(s.Item1, s.Item2, f.Context);
            return 0;
        }, (a1, a2));
    }

    /// <summary>Calls a function of 3 parameter(s) and one result.</summary>
    public TResult Call<T1, T2, T3, TResult>(T1 a1, T2 a2, T3 a3)
    {
        CheckSignature([typeof(T1), typeof(T2), typeof(T3)], typeof(TResult));
        return Execute(static (f, s) => ((delegate*<T1, T2, T3, object, TResult>)f.EnsureCode())(s.Item1, s.Item2, s.Item3, f.Context), (a1, a2, a3));
    }

    /// <summary>Calls a function of 3 parameter(s) and no result.</summary>
    public void CallVoid<T1, T2, T3>(T1 a1, T2 a2, T3 a3)
    {
        CheckSignature([typeof(T1), typeof(T2), typeof(T3)], null);
        _ = Execute(static (f, s) =>
        {
            ((delegate*<T1, T2, T3, object, void>)f.EnsureCode())(s.Item1, s.Item2, s.Item3, f.Context);
            return 0;
        }, (a1, a2, a3));
    }

    /// <summary>Calls a function of 4 parameter(s) and one result.</summary>
    public TResult Call<T1, T2, T3, T4, TResult>(T1 a1, T2 a2, T3 a3, T4 a4)
    {
        CheckSignature([typeof(T1), typeof(T2), typeof(T3), typeof(T4)], typeof(TResult));
        return Execute(static (f, s) => ((delegate*<T1, T2, T3, T4, object, TResult>)f.EnsureCode())(s.Item1, s.Item2, s.Item3, s.Item4, f.Context), (a1, a2, a3, a4));
    }

    /// <summary>Calls a function of 4 parameter(s) and no result.</summary>
    public void CallVoid<T1, T2, T3, T4>(T1 a1, T2 a2, T3 a3, T4 a4)
    {
        CheckSignature([typeof(T1), typeof(T2), typeof(T3), typeof(T4)], null);
        _ = Execute(static (f, s) =>
        {
            ((delegate*<T1, T2, T3, T4, object, void>)f.EnsureCode())(s.Item1, s.Item2, s.Item3, s.Item4, f.Context);
            return 0;
        }, (a1, a2, a3, a4));
    }
}
