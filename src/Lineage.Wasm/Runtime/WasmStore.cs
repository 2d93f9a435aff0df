// SPDX-License-Identifier: Apache-2.0

using System.Runtime.ExceptionServices;
using Lineage.Wasm.Model;

namespace Lineage.Wasm.Runtime;

/// <summary>
/// The unit of execution: owns the guest thread all guest code runs on, the fuel and deadline state, and the
/// limits. Instances that link to each other must share a store. A store is not thread-safe for concurrent
/// calls; calls from several threads are serialised onto the guest thread.
/// </summary>
public sealed class WasmStore : IDisposable
{
    private readonly Lock _gate = new();
    private readonly Dictionary<FunctionType, FunctionType> _canonicalTypes = [];
    private GuestThread? _guest;
    private Timer? _deadlineTimer;
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
            _deadlineTimer?.Dispose();
            _deadlineTimer = new Timer(static state => ((WasmStore)state!).Interrupt(), this, timeout, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>Removes the deadline and clears a pending interruption.</summary>
    public void ClearDeadline()
    {
        lock (_gate)
        {
            _deadlineTimer?.Dispose();
            _deadlineTimer = null;
            Volatile.Write(ref State.InterruptRequested, 0);
        }
    }

    /// <summary>Makes running guest code trap with <see cref="TrapCode.DeadlineExceeded"/> at its next check. Thread-safe.</summary>
    public void Interrupt() => Volatile.Write(ref State.InterruptRequested, 1);

    /// <summary>Stops the guest thread.</summary>
    public void Dispose()
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

        _guest?.Dispose();
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
        var guest = _guest;
        if (guest is not null && guest.IsCurrent)
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

    private T RunOnGuest<T>(Func<T> work)
    {
        GuestThread guest;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            guest = _guest ??= new GuestThread(Options.GuestStackSize, Options.StackReserve, State);
        }

        if (guest.IsCurrent)
        {
            return work();
        }

        T result = default!;
        ExceptionDispatchInfo? failure = null;
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
        failure?.Throw();
        return result;
    }
}
