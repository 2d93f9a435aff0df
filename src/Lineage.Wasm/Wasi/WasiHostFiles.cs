// SPDX-License-Identifier: Apache-2.0

using System.Text;

namespace Lineage.Wasm.Wasi;

/// <summary>What the host file system says about a path, and how its errors read as WASI errnos.</summary>
internal static class WasiHostFiles
{
    /// <summary>The type of <paramref name="hostPath"/> without following a final symlink; null if nothing is there.</summary>
    public static WasiFileType? Probe(string hostPath)
    {
        if (new FileInfo(hostPath).LinkTarget is not null)
        {
            return WasiFileType.SymbolicLink;
        }

        if (Directory.Exists(hostPath))
        {
            return WasiFileType.Directory;
        }

        return File.Exists(hostPath) ? WasiFileType.RegularFile : null;
    }

    /// <summary>
    /// A stable 64-bit file serial number: .NET does not expose <c>st_ino</c>, so the real host path is hashed
    /// (FNV-1a). The same path always gives the same number; distinct paths practically never collide.
    /// </summary>
    public static ulong Inode(string hostPath)
    {
        ulong hash = 14695981039346656037UL;
        foreach (byte b in Encoding.UTF8.GetBytes(hostPath))
        {
            hash = (hash ^ b) * 1099511628211UL;
        }

        return hash == 0 ? 1 : hash;
    }

    /// <summary>The listing of a directory, in the order the host returns it (no <c>.</c> and <c>..</c>, as libuv).</summary>
    public static List<WasiDirectoryEntry> List(string hostPath)
    {
        var entries = new List<WasiDirectoryEntry>();
        foreach (FileSystemInfo info in new DirectoryInfo(hostPath).EnumerateFileSystemInfos())
        {
            WasiFileType type = info.LinkTarget is not null ? WasiFileType.SymbolicLink
                : info is DirectoryInfo ? WasiFileType.Directory
                : WasiFileType.RegularFile;
            entries.Add(new WasiDirectoryEntry(Encoding.UTF8.GetBytes(info.Name), type, Inode(info.FullName)));
        }

        return entries;
    }

    /// <summary>The errno for a host I/O failure, or null when <paramref name="exception"/> is not an I/O failure.</summary>
    public static WasiErrno? ToErrno(Exception exception) => exception switch
    {
        WasiErrnoException errno => errno.Errno,
        FileNotFoundException or DirectoryNotFoundException => WasiErrno.NoEnt,
        PathTooLongException => WasiErrno.NameTooLong,
        UnauthorizedAccessException { InnerException: IOException inner } => FromHostErrno(inner.HResult) ?? WasiErrno.Access,
        UnauthorizedAccessException => WasiErrno.Access,
        IOException io => FromHostErrno(io.HResult) ?? WasiErrno.Io,
        NotSupportedException => WasiErrno.NotSup,
        _ => null,
    };

    /// <summary>.NET puts the raw errno in <see cref="Exception.HResult"/> of I/O errors on Unix; Linux numbering.</summary>
    private static WasiErrno? FromHostErrno(int hresult)
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        return hresult switch
        {
            1 => WasiErrno.Perm,
            2 => WasiErrno.NoEnt,
            5 => WasiErrno.Io,
            9 => WasiErrno.BadF,
            11 => WasiErrno.Again,
            12 => WasiErrno.NoMem,
            13 => WasiErrno.Access,
            16 => WasiErrno.Busy,
            17 => WasiErrno.Exist,
            18 => WasiErrno.XDev,
            20 => WasiErrno.NotDir,
            21 => WasiErrno.IsDir,
            22 => WasiErrno.Inval,
            24 => WasiErrno.MFile,
            26 => WasiErrno.TxtBsy,
            27 => WasiErrno.FBig,
            28 => WasiErrno.NoSpc,
            29 => WasiErrno.SPipe,
            30 => WasiErrno.RoFs,
            31 => WasiErrno.MLink,
            36 => WasiErrno.NameTooLong,
            39 => WasiErrno.NotEmpty,
            40 => WasiErrno.Loop,
            95 => WasiErrno.NotSup,
            122 => WasiErrno.DQuot,
            _ => null,
        };
    }
}
