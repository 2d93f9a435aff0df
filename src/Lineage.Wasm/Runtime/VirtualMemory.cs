// SPDX-License-Identifier: Apache-2.0

using System.Runtime.InteropServices;

namespace Lineage.Wasm.Runtime;

/// <summary>
/// Reserves address space once and commits it in place, so a linear memory's base never moves while code runs.
/// Linux and macOS use <c>mmap(PROT_NONE)</c> + <c>mprotect</c>, Windows <c>VirtualAlloc</c>; elsewhere (or if
/// the reservation fails) the whole reservation is allocated zeroed up front.
/// </summary>
internal static unsafe partial class VirtualMemory
{
    private const int ProtNone = 0;
    private const int ProtReadWrite = 3;
    private const int MemCommit = 0x1000;
    private const int MemReserve = 0x2000;
    private const int MemRelease = 0x8000;
    private const int PageNoAccess = 1;
    private const int PageReadWrite = 4;

    /// <summary>Reserves <paramref name="bytes"/> of address space; <paramref name="committed"/> says whether it is already usable.</summary>
    public static byte* Reserve(ulong bytes, out bool committed)
    {
        committed = false;
        if (bytes == 0)
        {
            bytes = 1;
        }

        if (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS())
        {
            // MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE
            var flags = OperatingSystem.IsLinux() ? 0x02 | 0x20 | 0x4000 : 0x02 | 0x1000 | 0x40;
            var address = Mmap(0, (nuint)bytes, ProtNone, flags, -1, 0);
            if (address != -1 && address != 0)
            {
                return (byte*)address;
            }
        }
        else if (OperatingSystem.IsWindows())
        {
            var address = VirtualAlloc(0, (nuint)bytes, MemReserve, PageNoAccess);
            if (address != 0)
            {
                return (byte*)address;
            }
        }

        committed = true;
        return (byte*)NativeMemory.AllocZeroed((nuint)bytes);
    }

    /// <summary>Makes <c>[base, base + bytes)</c> readable and writable (newly committed pages read as zero).</summary>
    public static bool Commit(byte* start, ulong bytes)
    {
        if (bytes == 0)
        {
            return true;
        }

        if (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS())
        {
            return Mprotect((nint)start, (nuint)bytes, ProtReadWrite) == 0;
        }

        return VirtualAlloc((nint)start, (nuint)bytes, MemCommit, PageReadWrite) != 0;
    }

    /// <summary>Releases a reservation made by <see cref="Reserve"/>.</summary>
    public static void Release(byte* start, ulong bytes, bool committedUpFront)
    {
        if (committedUpFront)
        {
            NativeMemory.Free(start);
        }
        else if (OperatingSystem.IsWindows())
        {
            _ = VirtualFree((nint)start, 0, MemRelease);
        }
        else
        {
            _ = Munmap((nint)start, (nuint)Math.Max(bytes, 1));
        }
    }

    [LibraryImport("libc", EntryPoint = "mmap")]
    private static partial nint Mmap(nint address, nuint length, int protection, int flags, int fd, nint offset);

    [LibraryImport("libc", EntryPoint = "mprotect")]
    private static partial int Mprotect(nint address, nuint length, int protection);

    [LibraryImport("libc", EntryPoint = "munmap")]
    private static partial int Munmap(nint address, nuint length);

    [LibraryImport("kernel32", EntryPoint = "VirtualAlloc")]
    private static partial nint VirtualAlloc(nint address, nuint size, int allocationType, int protection);

    [LibraryImport("kernel32", EntryPoint = "VirtualFree")]
    [return: MarshalAs(UnmanagedType.Bool)]
    private static partial bool VirtualFree(nint address, nuint size, int freeType);
}
