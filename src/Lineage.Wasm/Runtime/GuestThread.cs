// SPDX-License-Identifier: Apache-2.0

namespace Lineage.Wasm.Runtime;

/// <summary>
/// The dedicated thread, with a known large stack, on which a store runs all guest code. Knowing the stack bounds
/// lets compiled code compare its frame address against <see cref="ExecutionState.StackLimit"/> and trap cleanly
/// instead of overflowing the process stack.
/// </summary>
internal sealed unsafe class GuestThread : IDisposable
{
    private readonly Thread _thread;
    private readonly ExecutionState _state;
    private readonly int _usableStack;
    private readonly SemaphoreSlim _start = new(0);
    private readonly SemaphoreSlim _done = new(0);
    private readonly Lock _gate = new();
    private Action? _work;
    private nuint _stackLimit;
    private bool _stopping;

    public GuestThread(int stackSize, int stackReserve, ExecutionState state)
    {
        _state = state;
        _usableStack = Math.Max(stackSize - stackReserve, 64 << 10);
        _thread = new Thread(Loop, stackSize) { IsBackground = true, Name = "wasm guest" };
        _thread.Start();
    }

    /// <summary>Whether the calling thread is this guest thread.</summary>
    public bool IsCurrent => Thread.CurrentThread == _thread;

    /// <summary>The managed id of the guest thread.</summary>
    public int ManagedThreadId => _thread.ManagedThreadId;

    /// <summary>Runs <paramref name="work"/> on the guest thread and waits for it; <paramref name="work"/> must not throw.</summary>
    public void Run(Action work)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_stopping, this);
            _work = work;
            _start.Release();
            _done.Wait();
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_stopping)
            {
                return;
            }

            _stopping = true;
            _start.Release();
        }

        if (!IsCurrent)
        {
            _thread.Join();
        }

        _start.Dispose();
        _done.Dispose();
    }

    private void Loop()
    {
        byte probe = 0;
        _stackLimit = (nuint)(&probe) - (nuint)_usableStack;
        while (true)
        {
            _start.Wait();
            if (_stopping)
            {
                return;
            }

            var work = _work!;
            _work = null;

            // Calls that ran inline on other threads set their own limit.
            _state.StackLimit = _stackLimit;
            work();
            _done.Release();
        }
    }
}
