// SPDX-License-Identifier: Apache-2.0

using System.Runtime.ExceptionServices;
using Lineage.Wasm.Model;

namespace Lineage.Wasm.Runtime;

/// <summary>
/// The unit of execution: runs guest code on the calling thread when its stack is known and large enough, or on
/// the store's guest thread (a known large stack) otherwise; owns the fuel and deadline state and the limits.
/// Instances that link to each other must share a store. Calls from several threads are serialised.
/// </summary>
public sealed unsafe class WasmStore : IDisposable
{
    private readonly Lock _gate = new();
    private readonly Lock _execution = new();
    private readonly Dictionary<FunctionType, FunctionType> _canonicalTypes = [];
    private readonly ThreadLocal<nuint> _stackLowAddresses = new(ThreadStack.QueryLowAddress);
    private GuestThread? _guest;
    private Timer? _deadlineTimer;
    private int _executingThread;
    private bool _disposed;

    /// <summary>Creates a store.</summary>
    public WasmStore(WasmStoreOptions? options = null)
    {
        Options = options ?? new WasmStoreOptions();
    }

    /// <summary>The store's options.</summary>
    public WasmStoreOptions Options { get; }

    /// <summary>
    /// Remaining fuel when <see cref="WasmStoreOptions.ConsumeFuel"/> is on. Every function call and loop
    /// iteration consumes the number of instructions up to its next branch point; at zero execution traps with
    /// <see cref="TrapCode.OutOfFuel"/>. Deterministic for a given module and input.
    /// </summary>
    public long Fuel
    {
        get => Volatile.Read(ref State.Fuel);
        set => Volatile.Write(ref State.Fuel, value);
    }

    internal ExecutionState State { get; } = new();

    /// <summary>Modules already validated in this store.</summary>
    internal ModuleValidation Validation { get; } = new();

    /// <summary>Decodes, validates, links and instantiates a module (running its start function).</summary>
    public WasmInstance Instantiate(WasmModule module, WasmImports? imports = null)
    {
        ArgumentNullException.ThrowIfNull(module);
        imports ??= new WasmImports();
        return RunOnGuest(() => WasmInstance.Create(this, module, imports));
    }

    /// <summary>
    /// Runs <paramref name="work"/> on the guest thread and returns its result. Guest calls made inside it run
    /// directly, without a thread switch each: batch a sequence of calls (allocate, write, call, read) this way.
    /// </summary>
    public T Run<T>(Func<T> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        return RunOnGuest(work);
    }

    /// <summary>Runs <paramref name="work"/> on the guest thread (see <see cref="Run{T}(Func{T})"/>).</summary>
    public void Run(Action work)
    {
        ArgumentNullException.ThrowIfNull(work);
        _ = RunOnGuest(() =>
        {
            work();
            return 0;
        });
    }

    /// <summary>
    /// Traps running guest code with <see cref="TrapCode.DeadlineExceeded"/> once <paramref name="timeout"/> has
    /// passed (checked at function entry and loop headers). Replaces any earlier deadline.
    /// </summary>
    public void SetDeadline(TimeSpan timeout)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            Volatile.Write(ref State.InterruptRequested, 0);

            // One timer per store, re-armed per call: creating and disposing a timer per call costs more.
            _deadlineTimer ??= new Timer(static state => ((WasmStore)state!).Interrupt(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            _deadlineTimer.Change(timeout, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>Removes the deadline and clears a pending interruption.</summary>
    public void ClearDeadline()
    {
        lock (_gate)
        {
            _deadlineTimer?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            Volatile.Write(ref State.InterruptRequested, 0);
        }
    }

    /// <summary>Makes running guest code trap with <see cref="TrapCode.DeadlineExceeded"/> at its next check. Thread-safe.</summary>
    public void Interrupt() => Volatile.Write(ref State.InterruptRequested, 1);

    /// <summary>Waits for running guest code to return and stops the guest thread.</summary>
    public void Dispose()
    {
        // From a host function the calling thread is the one running guest code: it cannot wait for itself.
        var fromGuestCode = Volatile.Read(ref _executingThread) == Environment.CurrentManagedThreadId;
        if (!fromGuestCode)
        {
            _execution.Enter();
        }

        try
        {
            lock (_gate)
            {
                if (_disposed)
                {
                    return;
                }

                _disposed = true;
                _deadlineTimer?.Dispose();
            }
        }
        finally
        {
            if (!fromGuestCode)
            {
                _execution.Exit();
            }
        }

        _guest?.Dispose();
        _stackLowAddresses.Dispose();
    }

    /// <summary>The store-wide canonical instance of a function type, so type checks are mostly reference compares.</summary>
    internal FunctionType Canonicalize(FunctionType type)
    {
        lock (_gate)
        {
            if (_canonicalTypes.TryGetValue(type, out var canonical))
            {
                return canonical;
            }

            _canonicalTypes.Add(type, type);
            return type;
        }
    }

    /// <summary>Runs guest code on the guest thread (directly when already on it).</summary>
    internal TResult Execute<TState, TResult>(WasmFunction function, Func<WasmFunction, TState, TResult> body, TState state)
    {
        if (Volatile.Read(ref _executingThread) == Environment.CurrentManagedThreadId)
        {
            return TranslateFaults(function, body, state);
        }

        return RunOnGuest(() => TranslateFaults(function, body, state));
    }

    /// <summary>Calls <paramref name="body"/>, turning CLR arithmetic faults raised by compiled code into traps.</summary>
    internal static TResult TranslateFaults<TState, TResult>(WasmFunction function, Func<WasmFunction, TState, TResult> body, TState state)
    {
        try
        {
            return body(function, state);
        }
        catch (DivideByZeroException exception)
        {
            throw new WasmTrapException(TrapCode.IntegerDivideByZero, TrapCodes.Message(TrapCode.IntegerDivideByZero), exception);
        }
        catch (OverflowException exception)
        {
            throw new WasmTrapException(TrapCode.IntegerOverflow, TrapCodes.Message(TrapCode.IntegerOverflow), exception);
        }
        catch (InsufficientExecutionStackException exception)
        {
            throw new WasmTrapException(TrapCode.CallStackExhausted, TrapCodes.Message(TrapCode.CallStackExhausted), exception);
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/> where guest code may run: directly when this thread already runs guest code of
    /// the store, inline when the calling thread has stack enough (<see cref="WasmStoreOptions.InlineStackMinimum"/>),
    /// else on the guest thread. One thread at a time runs guest code of a store.
    /// </summary>
    private T RunOnGuest<T>(Func<T> work)
    {
        var self = Environment.CurrentManagedThreadId;
        if (Volatile.Read(ref _executingThread) == self)
        {
            return work();
        }

        lock (_execution)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (InlineStackLimit() is var limit and not 0)
            {
                State.StackLimit = limit;
                Volatile.Write(ref _executingThread, self);
                try
                {
                    return work();
                }
                finally
                {
                    Volatile.Write(ref _executingThread, 0);
                }
            }

            return RunOnGuestThread(work);
        }
    }

    /// <summary>The stack limit for guest code on the calling thread, or 0 when it must hop to the guest thread.</summary>
    private nuint InlineStackLimit()
    {
        var minimum = Options.InlineStackMinimum;
        if (minimum <= 0)
        {
            return 0;
        }

        var low = _stackLowAddresses.Value;
        byte probe = 0;
        var here = (nuint)(&probe);
        var reserve = (nuint)Options.StackReserve;
        if (low == 0 || here < low || here - low < reserve + (nuint)minimum)
        {
            return 0;
        }

        // Never more than the guest thread would allow.
        var usable = (nuint)Math.Max(Options.GuestStackSize - Options.StackReserve, 64 << 10);
        return Math.Max(low + reserve, here - usable);
    }

    private T RunOnGuestThread<T>(Func<T> work)
    {
        GuestThread guest;
        lock (_gate)
        {
            guest = _guest ??= new GuestThread(Options.GuestStackSize, Options.StackReserve, State);
        }

        T result = default!;
        ExceptionDispatchInfo? failure = null;
        Volatile.Write(ref _executingThread, guest.ManagedThreadId);
        try
        {
            guest.Run(() =>
            {
                try
                {
                    result = work();
                }
#pragma warning disable CA1031 // Every failure is handed back to the calling thread.
                catch (Exception exception)
#pragma warning restore CA1031
                {
                    failure = ExceptionDispatchInfo.Capture(exception);
                }
            });
        }
        finally
        {
            Volatile.Write(ref _executingThread, 0);
        }

        failure?.Throw();
        return result;
    }
}
