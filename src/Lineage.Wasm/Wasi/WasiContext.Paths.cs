// SPDX-License-Identifier: Apache-2.0

using System.Text;

namespace Lineage.Wasm.Wasi;

public sealed partial class WasiContext
{
    private const int LookupSymlinkFollow = 1;
    private const int OpenCreate = 1;
    private const int OpenDirectory = 2;
    private const int OpenExclusive = 4;
    private const int OpenTruncate = 8;

    /// <summary>The directory <paramref name="fd"/> (holding <paramref name="rights"/>) and the host path of a guest path under it.</summary>
    private (WasiDescriptor Directory, string HostPath, bool TrailingSlash) ResolvePath(int fd, long rights, int pathPointer, int pathLength, bool followLast)
    {
        WasiDescriptor directory = Get(fd, rights);
        if (!directory.IsDirectory)
        {
            throw new WasiErrnoException(WasiErrno.NotDir);
        }

        string path = ReadString(pathPointer, pathLength);
        string hostPath = WasiSandbox.Resolve(directory, path, followLast, out bool trailingSlash);
        return (directory, hostPath, trailingSlash);
    }

    private WasiErrno PathOpen(int fd, int lookupFlags, int pathPointer, int pathLength, int openFlags, long rightsBase, long rightsInheriting, int fdFlags, int resultPointer)
    {
        Bytes(resultPointer, 4); // checked before anything is created
        bool create = (openFlags & OpenCreate) != 0;
        bool truncate = (openFlags & OpenTruncate) != 0;
        long needed = WasiRights.PathOpen | (create ? WasiRights.PathCreateFile : 0) | (truncate ? WasiRights.PathFilestatSetSize : 0);
        (WasiDescriptor directory, string hostPath, bool trailingSlash) = ResolvePath(fd, needed, pathPointer, pathLength, (lookupFlags & LookupSymlinkFollow) != 0);
        if ((fdFlags & ~FdFlagsAll) != 0 || (openFlags & ~15) != 0)
        {
            return WasiErrno.Inval;
        }

        bool exclusive = (openFlags & OpenExclusive) != 0;
        bool mustBeDirectory = (openFlags & OpenDirectory) != 0 || trailingSlash;
        long granted = rightsBase & directory.RightsInheriting;
        long inheriting = rightsInheriting & directory.RightsInheriting;
        WasiFileType? existing = WasiHostFiles.Probe(hostPath);
        if (existing is not null && create && exclusive)
        {
            return WasiErrno.Exist;
        }

        switch (existing)
        {
            case WasiFileType.SymbolicLink:
                // The lookup did not follow the final symlink (O_NOFOLLOW): opening it is ELOOP, as in POSIX.
                return WasiErrno.Loop;
            case WasiFileType.Directory:
                if ((granted & WasiRights.FdWrite) != 0 || truncate)
                {
                    return WasiErrno.IsDir;
                }

                WriteU32(resultPointer, (uint)Add(new WasiDescriptor
                {
                    Type = WasiFileType.Directory,
                    HostPath = hostPath,
                    SandboxRoot = directory.SandboxRoot,
                    RightsBase = granted & WasiRights.Directory,
                    RightsInheriting = inheriting,
                }));
                return WasiErrno.Success;
            case null when !create:
                return WasiErrno.NoEnt;
            case null when mustBeDirectory:
                return WasiErrno.IsDir;
            case not null when mustBeDirectory:
                return WasiErrno.NotDir;
        }

        bool read = (granted & WasiRights.FdRead) != 0;
        bool write = (granted & WasiRights.FdWrite) != 0 || truncate;
        FileMode mode = existing is null ? FileMode.CreateNew : truncate ? FileMode.Truncate : FileMode.Open;
        FileAccess access = write ? (read ? FileAccess.ReadWrite : FileAccess.Write) : FileAccess.Read;
        var file = new FileStream(hostPath, mode, access, FileShare.ReadWrite | FileShare.Delete, bufferSize: 0);
        long fileRights = granted & WasiRights.RegularFile;
        if (!read)
        {
            fileRights &= ~WasiRights.FdRead;
        }

        if (!write)
        {
            fileRights &= ~(WasiRights.FdWrite | WasiRights.FdAllocate | WasiRights.FdFilestatSetSize | WasiRights.FdDatasync);
        }

        WriteU32(resultPointer, (uint)Add(new WasiDescriptor
        {
            Type = WasiFileType.RegularFile,
            HostPath = hostPath,
            SandboxRoot = directory.SandboxRoot,
            File = file,
            Flags = (ushort)fdFlags,
            RightsBase = fileRights,
            RightsInheriting = inheriting,
        }));
        return WasiErrno.Success;
    }

    private WasiErrno PathFilestatGet(int fd, int lookupFlags, int pathPointer, int pathLength, int resultPointer)
    {
        (_, string hostPath, _) = ResolvePath(fd, WasiRights.PathFilestatGet, pathPointer, pathLength, (lookupFlags & LookupSymlinkFollow) != 0);
        ulong inode = WasiHostFiles.Inode(hostPath);
        switch (WasiHostFiles.Probe(hostPath))
        {
            case WasiFileType.SymbolicLink:
                var link = new FileInfo(hostPath);
                WriteFilestat(resultPointer, WasiFileType.SymbolicLink, Encoding.UTF8.GetByteCount(link.LinkTarget!), inode, link.LastAccessTimeUtc, link.LastWriteTimeUtc);
                return WasiErrno.Success;
            case WasiFileType.Directory:
                WriteFilestat(resultPointer, WasiFileType.Directory, 0, inode, Directory.GetLastAccessTimeUtc(hostPath), Directory.GetLastWriteTimeUtc(hostPath));
                return WasiErrno.Success;
            case WasiFileType.RegularFile:
                var info = new FileInfo(hostPath);
                WriteFilestat(resultPointer, WasiFileType.RegularFile, info.Length, inode, info.LastAccessTimeUtc, info.LastWriteTimeUtc);
                return WasiErrno.Success;
            default:
                return WasiErrno.NoEnt;
        }
    }

    private WasiErrno PathFilestatSetTimes(int fd, int lookupFlags, int pathPointer, int pathLength, long accessed, long modified, int flags)
    {
        (_, string hostPath, _) = ResolvePath(fd, WasiRights.PathFilestatSetTimes, pathPointer, pathLength, (lookupFlags & LookupSymlinkFollow) != 0);
        return WasiHostFiles.Probe(hostPath) switch
        {
            null => WasiErrno.NoEnt,
            WasiFileType type => SetTimes(hostPath, type == WasiFileType.Directory, accessed, modified, flags),
        };
    }

    private WasiErrno PathCreateDirectory(int fd, int pathPointer, int pathLength)
    {
        (_, string hostPath, _) = ResolvePath(fd, WasiRights.PathCreateDirectory, pathPointer, pathLength, followLast: false);
        if (WasiHostFiles.Probe(hostPath) is not null)
        {
            return WasiErrno.Exist;
        }

        // Directory.CreateDirectory would also create missing parents; mkdir does not.
        return WasiHostFiles.Probe(Path.GetDirectoryName(hostPath)!) switch
        {
            WasiFileType.Directory => Create(hostPath),
            null => WasiErrno.NoEnt,
            _ => WasiErrno.NotDir,
        };

        static WasiErrno Create(string hostPath)
        {
            Directory.CreateDirectory(hostPath);
            return WasiErrno.Success;
        }
    }

    private WasiErrno PathRemoveDirectory(int fd, int pathPointer, int pathLength)
    {
        (WasiDescriptor directory, string hostPath, _) = ResolvePath(fd, WasiRights.PathRemoveDirectory, pathPointer, pathLength, followLast: false);
        if (hostPath == directory.SandboxRoot)
        {
            return WasiErrno.NotCapable;
        }

        switch (WasiHostFiles.Probe(hostPath))
        {
            case null:
                return WasiErrno.NoEnt;
            case not WasiFileType.Directory:
                return WasiErrno.NotDir;
        }

        if (Directory.EnumerateFileSystemEntries(hostPath).Any())
        {
            return WasiErrno.NotEmpty;
        }

        Directory.Delete(hostPath, recursive: false);
        return WasiErrno.Success;
    }

    private WasiErrno PathUnlinkFile(int fd, int pathPointer, int pathLength)
    {
        (_, string hostPath, bool trailingSlash) = ResolvePath(fd, WasiRights.PathUnlinkFile, pathPointer, pathLength, followLast: false);
        switch (WasiHostFiles.Probe(hostPath))
        {
            case null:
                return WasiErrno.NoEnt;
            case WasiFileType.Directory:
                return WasiErrno.IsDir;
            case not WasiFileType.Directory when trailingSlash:
                return WasiErrno.NotDir;
        }

        File.Delete(hostPath);
        return WasiErrno.Success;
    }

    private WasiErrno PathRename(int fd, int oldPointer, int oldLength, int newFd, int newPointer, int newLength)
    {
        (WasiDescriptor from, string source, _) = ResolvePath(fd, WasiRights.PathRenameSource, oldPointer, oldLength, followLast: false);
        (WasiDescriptor to, string target, _) = ResolvePath(newFd, WasiRights.PathRenameTarget, newPointer, newLength, followLast: false);
        if (source == from.SandboxRoot || target == to.SandboxRoot)
        {
            return WasiErrno.NotCapable;
        }

        WasiFileType? sourceType = WasiHostFiles.Probe(source);
        WasiFileType? targetType = WasiHostFiles.Probe(target);
        if (sourceType is null)
        {
            return WasiErrno.NoEnt;
        }

        if (source == target)
        {
            return WasiErrno.Success;
        }

        if (sourceType == WasiFileType.Directory)
        {
            if (target.StartsWith(source + "/", StringComparison.Ordinal))
            {
                return WasiErrno.Inval;
            }

            if (targetType is { } existing)
            {
                if (existing != WasiFileType.Directory)
                {
                    return WasiErrno.NotDir;
                }

                if (Directory.EnumerateFileSystemEntries(target).Any())
                {
                    return WasiErrno.NotEmpty;
                }

                // rename(2) replaces an empty directory; Directory.Move refuses any existing target.
                Directory.Delete(target);
            }

            Directory.Move(source, target);
            return WasiErrno.Success;
        }

        if (targetType == WasiFileType.Directory)
        {
            return WasiErrno.IsDir;
        }

        File.Move(source, target, overwrite: true);
        return WasiErrno.Success;
    }

    private WasiErrno PathReadlink(int fd, int pathPointer, int pathLength, int buffer, int bufferLength, int resultPointer)
    {
        (_, string hostPath, _) = ResolvePath(fd, WasiRights.PathReadlink, pathPointer, pathLength, followLast: false);
        if (new FileInfo(hostPath).LinkTarget is not { } target)
        {
            return WasiHostFiles.Probe(hostPath) is null ? WasiErrno.NoEnt : WasiErrno.Inval;
        }

        byte[] bytes = Encoding.UTF8.GetBytes(target);
        int n = Copy(bytes, Bytes(buffer, (uint)bufferLength));
        WriteU32(resultPointer, (uint)n);
        return WasiErrno.Success;
    }

    private WasiErrno PathSymlink(int targetPointer, int targetLength, int fd, int pathPointer, int pathLength)
    {
        string target = ReadString(targetPointer, targetLength);
        (WasiDescriptor directory, string hostPath, _) = ResolvePath(fd, WasiRights.PathSymlink, pathPointer, pathLength, followLast: false);
        WasiSandbox.CheckSymlinkTarget(directory.SandboxRoot, hostPath, target);
        if (WasiHostFiles.Probe(hostPath) is not null)
        {
            return WasiErrno.Exist;
        }

        File.CreateSymbolicLink(hostPath, target);
        return WasiErrno.Success;
    }
}
