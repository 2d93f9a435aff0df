// SPDX-License-Identifier: Apache-2.0

namespace Lineage.Metadata.Cron;

/// <summary>
/// Lets a polling loop sleep for an interval unless woken earlier. Wake-ups are not counted: several wake-ups
/// during one sleep end that sleep once.
/// </summary>
public sealed class WakeSignal
{
    private TaskCompletionSource _signal = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Ends the current (or next) wait early.</summary>
    public void Wake() => Volatile.Read(ref _signal).TrySetResult();

    /// <summary>Waits for <paramref name="delay"/> or a wake-up, whichever comes first; throws when cancelled.</summary>
    public async Task WaitAsync(TimeSpan delay, TimeProvider time, CancellationToken cancellationToken)
    {
        TaskCompletionSource signal = Volatile.Read(ref _signal);
        if (!signal.Task.IsCompleted)
        {
            try
            {
                await signal.Task.WaitAsync(delay, time, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                return;
            }
        }

        Interlocked.CompareExchange(ref _signal, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), signal);
    }
}
