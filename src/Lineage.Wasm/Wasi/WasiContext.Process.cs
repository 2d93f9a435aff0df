// SPDX-License-Identifier: Apache-2.0

using System.Buffers.Binary;
using System.Diagnostics;
using System.Security.Cryptography;

namespace Lineage.Wasm.Wasi;

public sealed partial class WasiContext
{
    private const int ClockRealtime = 0;
    private const int ClockMonotonic = 1;
    private const int ClockProcessCpuTime = 2;
    private const int ClockThreadCpuTime = 3;
    private const int SubscriptionSize = 48;
    private const int EventSize = 32;
    private const byte EventClock = 0;
    private const byte EventFdRead = 1;
    private const byte EventFdWrite = 2;
    private const ushort SubscriptionClockAbsolute = 1;

    private WasiErrno SizesGet(byte[][] items, int countPointer, int sizePointer)
    {
        WriteU32(countPointer, (uint)items.Length);
        WriteU32(sizePointer, (uint)items.Sum(i => i.Length));
        return WasiErrno.Success;
    }

    private WasiErrno StringsGet(byte[][] items, int pointersPointer, int bufferPointer)
    {
        int offset = bufferPointer;
        for (int i = 0; i < items.Length; i++)
        {
            WriteU32(pointersPointer + (4 * i), (uint)offset);
            items[i].CopyTo(Bytes(offset, items[i].Length));
            offset += items[i].Length;
        }

        return WasiErrno.Success;
    }

    /// <summary>Nanoseconds on <paramref name="clock"/>, or null for an unknown clock.</summary>
    /// <remarks>.NET has no per-thread CPU clock; the thread clock reports the process's CPU time.</remarks>
    private static long? Now(int clock) => clock switch
    {
        ClockRealtime => (DateTime.UtcNow - DateTime.UnixEpoch).Ticks * 100,
        ClockMonotonic => (long)((Int128)Stopwatch.GetTimestamp() * 1_000_000_000 / Stopwatch.Frequency),
        ClockProcessCpuTime or ClockThreadCpuTime => Environment.CpuUsage.TotalTime.Ticks * 100,
        _ => null,
    };

    private WasiErrno ClockResGet(int clock, int resultPointer)
    {
        long? resolution = clock switch
        {
            ClockRealtime or ClockProcessCpuTime or ClockThreadCpuTime => 100,
            ClockMonotonic => Math.Max(1, 1_000_000_000 / Stopwatch.Frequency),
            _ => null,
        };
        if (resolution is not { } value)
        {
            return WasiErrno.Inval;
        }

        WriteU64(resultPointer, (ulong)value);
        return WasiErrno.Success;
    }

    private WasiErrno ClockTimeGet(int clock, int resultPointer)
    {
        if (Now(clock) is not { } now)
        {
            return WasiErrno.Inval;
        }

        WriteU64(resultPointer, (ulong)now);
        return WasiErrno.Success;
    }

    private WasiErrno RandomGet(int pointer, int length)
    {
        RandomNumberGenerator.Fill(Bytes(pointer, (uint)length));
        return WasiErrno.Success;
    }

    private static WasiErrno SchedYield()
    {
        Thread.Yield();
        return WasiErrno.Success;
    }

    /// <summary>
    /// Clock subscriptions sleep until the earliest one is due (cut short by <see cref="WasiOptions.Cancellation"/>);
    /// descriptor subscriptions on files and the standard streams are always ready, as for regular files in POSIX.
    /// </summary>
    private WasiErrno PollOneoff(int input, int output, int count, int eventsPointer)
    {
        if (count <= 0)
        {
            return WasiErrno.Inval;
        }

        Span<byte> subscriptions = Bytes(input, (long)SubscriptionSize * count);
        Bytes(output, (long)EventSize * count);
        var ready = new List<(ulong UserData, WasiErrno Error, byte Type, ulong Bytes)>();
        var clocks = new List<(ulong UserData, long DueMonotonic)>();
        long start = Now(ClockMonotonic)!.Value;
        for (int i = 0; i < count; i++)
        {
            Span<byte> subscription = subscriptions.Slice(i * SubscriptionSize, SubscriptionSize);
            ulong userData = BinaryPrimitives.ReadUInt64LittleEndian(subscription);
            byte tag = subscription[8];
            if (tag == EventClock)
            {
                int clock = BinaryPrimitives.ReadInt32LittleEndian(subscription[16..]);
                long timeout = BinaryPrimitives.ReadInt64LittleEndian(subscription[24..]);
                ushort flags = BinaryPrimitives.ReadUInt16LittleEndian(subscription[40..]);
                if (Now(clock) is not { } now)
                {
                    ready.Add((userData, WasiErrno.Inval, EventClock, 0));
                    continue;
                }

                long relative = (flags & SubscriptionClockAbsolute) != 0 ? timeout - now : timeout;
                clocks.Add((userData, start + Math.Max(0, relative)));
            }
            else if (tag is EventFdRead or EventFdWrite)
            {
                int fd = BinaryPrimitives.ReadInt32LittleEndian(subscription[16..]);
                if (!_descriptors.TryGetValue(fd, out WasiDescriptor? descriptor))
                {
                    ready.Add((userData, WasiErrno.BadF, tag, 0));
                }
                else if ((descriptor.RightsBase & WasiRights.PollFdReadwrite) == 0)
                {
                    ready.Add((userData, WasiErrno.NotCapable, tag, 0));
                }
                else
                {
                    ulong available = tag == EventFdRead && descriptor.File is { } file
                        ? (ulong)Math.Max(0, RandomAccess.GetLength(file.SafeFileHandle) - descriptor.Position)
                        : 0;
                    ready.Add((userData, WasiErrno.Success, tag, available));
                }
            }
            else
            {
                return WasiErrno.Inval;
            }
        }

        if (ready.Count == 0 && clocks.Count > 0)
        {
            // Waits are whole milliseconds and may end early: wait again until the earliest clock is due.
            long due = clocks.Min(c => c.DueMonotonic);
            for (long waitNs; (waitNs = due - Now(ClockMonotonic)!.Value) > 0 && !_options.Cancellation.IsCancellationRequested;)
            {
                _options.Cancellation.WaitHandle.WaitOne(TimeSpan.FromMilliseconds(Math.Ceiling(waitNs / 1e6)));
            }

            long now = Now(ClockMonotonic)!.Value;
            foreach ((ulong userData, long dueMonotonic) in clocks)
            {
                if (dueMonotonic <= now)
                {
                    ready.Add((userData, WasiErrno.Success, EventClock, 0));
                }
            }

            if (ready.Count == 0)
            {
                return WasiErrno.Intr;
            }
        }

        Span<byte> events = Bytes(output, (long)EventSize * ready.Count);
        events.Clear();
        for (int i = 0; i < ready.Count; i++)
        {
            Span<byte> e = events.Slice(i * EventSize, EventSize);
            BinaryPrimitives.WriteUInt64LittleEndian(e, ready[i].UserData);
            BinaryPrimitives.WriteUInt16LittleEndian(e[8..], (ushort)ready[i].Error);
            e[10] = ready[i].Type;
            BinaryPrimitives.WriteUInt64LittleEndian(e[16..], ready[i].Bytes);
        }

        WriteU32(eventsPointer, (uint)ready.Count);
        return WasiErrno.Success;
    }
}
