// SPDX-License-Identifier: Apache-2.0

using System.Runtime.InteropServices;

namespace Lineage.Wasm.Runtime;

/// <summary>
/// The lowest address of the calling thread's stack, asked of the OS. Knowing it lets a store run guest code on
/// the calling thread (no hop to its guest thread) with a stack limit compiled code can compare against.
/// </summary>
internal static unsafe partial class ThreadStack
{
    /// <summary>The calling thread's lowest usable stack address, or 0 when the platform does not tell.</summary>
    public static nuint QueryLowAddress()
    {
        try
        {
            if (OperatingSystem.IsLinux())
            {
                // pthread_attr_t is 56 bytes on glibc and musl (64-bit); a larger buffer costs nothing.
                var attributes = stackalloc byte[256];
                if (PthreadGetAttrNp(PthreadSelf(), attributes) != 0)
                {
                    return 0;
                }

                nint address = 0;
                nuint size = 0;
                var status = PthreadAttrGetStack(attributes, &address, &size);
                _ = PthreadAttrDestroy(attributes);
                return status == 0 ? (nuint)address : 0;
            }

            if (OperatingSystem.IsMacOS())
            {
                var self = PthreadSelf();
                return (nuint)PthreadGetStackAddrNp(self) - PthreadGetStackSizeNp(self);
            }

            if (OperatingSystem.IsWindows())
            {
                nuint low = 0, high = 0;
                GetCurrentThreadStackLimits(&low, &high);
                return low;
            }
        }
        catch (Exception exception) when (exception is DllNotFoundException or EntryPointNotFoundException)
        {
            // Unknown C library: fall back to the guest thread.
        }

        return 0;
    }

    [LibraryImport("libc", EntryPoint = "pthread_self")]
    private static partial nint PthreadSelf();

    [LibraryImport("libc", EntryPoint = "pthread_getattr_np")]
    private static partial int PthreadGetAttrNp(nint thread, byte* attributes);

    [LibraryImport("libc", EntryPoint = "pthread_attr_getstack")]
    private static partial int PthreadAttrGetStack(byte* attributes, nint* address, nuint* size);

    [LibraryImport("libc", EntryPoint = "pthread_attr_destroy")]
    private static partial int PthreadAttrDestroy(byte* attributes);

    [LibraryImport("libc", EntryPoint = "pthread_get_stackaddr_np")]
    private static partial nint PthreadGetStackAddrNp(nint thread);

    [LibraryImport("libc", EntryPoint = "pthread_get_stacksize_np")]
    private static partial nuint PthreadGetStackSizeNp(nint thread);

    [LibraryImport("kernel32", EntryPoint = "GetCurrentThreadStackLimits")]
    private static partial void GetCurrentThreadStackLimits(nuint* low, nuint* high);
}
