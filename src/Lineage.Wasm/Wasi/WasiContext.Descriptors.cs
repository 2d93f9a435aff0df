// SPDX-License-Identifier: Apache-2.0

using System.Buffers.Binary;
using System.Text;

namespace Lineage.Wasm.Wasi;

public sealed partial class WasiContext
{
    private const ushort FdFlagAppend = 1;
    private const ushort FdFlagDsync = 2;
    private const ushort FdFlagRsync = 8;
    private const ushort FdFlagSync = 16;
    private const ushort FdFlagsAll = 31;
    private const int FilestatSize = 64;
    private const int DirentHeaderSize = 24;
    private const int FstFlagAtim = 1;
    private const int FstFlagAtimNow = 2;
    private const int FstFlagMtim = 4;
    private const int FstFlagMtimNow = 8;

    /// <summary>The descriptor <paramref name="fd"/> if it holds every right in <paramref name="rights"/>.</summary>
    private WasiDescriptor Get(int fd, long rights)
    {
        if (!_descriptors.TryGetValue(fd, out WasiDescriptor? descriptor))
        {
            throw new WasiErrnoException(WasiErrno.BadF);
        }

        if ((descriptor.RightsBase & rights) != rights)
        {
            // Reading a write-only descriptor (or the reverse) is EBADF, as in POSIX and node; other missing rights
            // are the capability error.
            bool readOrWrite = (rights & (WasiRights.FdRead | WasiRights.FdWrite)) != 0
                && (descriptor.RightsBase & rights & (WasiRights.FdRead | WasiRights.FdWrite)) == 0;
            throw new WasiErrnoException(readOrWrite ? WasiErrno.BadF : WasiErrno.NotCapable);
        }

        return descriptor;
    }

    private int Add(WasiDescriptor descriptor)
    {
        int fd = FirstPreopen;
        while (_descriptors.ContainsKey(fd))
        {
            fd++;
        }

        _descriptors[fd] = descriptor;
        return fd;
    }

    private WasiErrno FdAdvise(int fd, int advice)
    {
        WasiDescriptor descriptor = Get(fd, WasiRights.FdAdvise);
        if (advice is < 0 or > 5)
        {
            return WasiErrno.Inval;
        }

        // Advice is a hint; .NET has no posix_fadvise, and ignoring it is always correct.
        return descriptor.IsDirectory ? WasiErrno.BadF : WasiErrno.Success;
    }

    private WasiErrno FdAllocate(int fd, long offset, long length)
    {
        FileStream file = Get(fd, WasiRights.FdAllocate).File ?? throw new WasiErrnoException(WasiErrno.BadF);
        if (offset < 0 || length <= 0 || offset > long.MaxValue - length)
        {
            return WasiErrno.Inval;
        }

        if (file.Length < offset + length)
        {
            file.SetLength(offset + length);
        }

        return WasiErrno.Success;
    }

    private WasiErrno FdClose(int fd)
    {
        if (!_descriptors.Remove(fd, out WasiDescriptor? descriptor))
        {
            return WasiErrno.BadF;
        }

        descriptor.File?.Dispose();
        return WasiErrno.Success;
    }

    private WasiErrno FdSync(int fd, long right)
    {
        WasiDescriptor descriptor = Get(fd, right);
        descriptor.File?.Flush(flushToDisk: true);
        descriptor.Stream?.Flush();
        return WasiErrno.Success;
    }

    private WasiErrno FdFdstatGet(int fd, int pointer)
    {
        WasiDescriptor descriptor = Get(fd, 0);
        Span<byte> stat = Bytes(pointer, 24);
        stat.Clear();
        stat[0] = (byte)descriptor.Type;
        BinaryPrimitives.WriteUInt16LittleEndian(stat[2..], descriptor.Flags);
        BinaryPrimitives.WriteInt64LittleEndian(stat[8..], descriptor.RightsBase);
        BinaryPrimitives.WriteInt64LittleEndian(stat[16..], descriptor.RightsInheriting);
        return WasiErrno.Success;
    }

    private WasiErrno FdFdstatSetFlags(int fd, int flags)
    {
        WasiDescriptor descriptor = Get(fd, WasiRights.FdFdstatSetFlags);
        if ((flags & ~FdFlagsAll) != 0)
        {
            return WasiErrno.Inval;
        }

        descriptor.Flags = (ushort)flags;
        return WasiErrno.Success;
    }

    private WasiErrno FdFdstatSetRights(int fd, long rightsBase, long rightsInheriting)
    {
        WasiDescriptor descriptor = Get(fd, 0);
        if ((rightsBase & ~descriptor.RightsBase) != 0 || (rightsInheriting & ~descriptor.RightsInheriting) != 0)
        {
            return WasiErrno.NotCapable;
        }

        descriptor.RightsBase = rightsBase;
        descriptor.RightsInheriting = rightsInheriting;
        return WasiErrno.Success;
    }

    private WasiErrno FdFilestatGet(int fd, int pointer)
    {
        WasiDescriptor descriptor = Get(fd, WasiRights.FdFilestatGet);
        if (descriptor.Stream is not null)
        {
            WriteFilestat(pointer, WasiFileType.CharacterDevice, 0, 0, DateTime.UnixEpoch, DateTime.UnixEpoch);
        }
        else if (descriptor.File is { } file)
        {
            WriteFilestat(pointer, WasiFileType.RegularFile, file.Length, WasiHostFiles.Inode(descriptor.HostPath),
                File.GetLastAccessTimeUtc(file.SafeFileHandle), File.GetLastWriteTimeUtc(file.SafeFileHandle));
        }
        else
        {
            WriteFilestat(pointer, WasiFileType.Directory, 0, WasiHostFiles.Inode(descriptor.HostPath),
                Directory.GetLastAccessTimeUtc(descriptor.HostPath), Directory.GetLastWriteTimeUtc(descriptor.HostPath));
        }

        return WasiErrno.Success;
    }

    /// <summary>Writes a <c>filestat</c>; .NET exposes no status-change time, so ctim is the modification time.</summary>
    private void WriteFilestat(int pointer, WasiFileType type, long size, ulong inode, DateTime accessed, DateTime modified)
    {
        Span<byte> stat = Bytes(pointer, FilestatSize);
        stat.Clear();
        BinaryPrimitives.WriteUInt64LittleEndian(stat[8..], inode);
        stat[16] = (byte)type;
        BinaryPrimitives.WriteUInt64LittleEndian(stat[24..], 1);
        BinaryPrimitives.WriteInt64LittleEndian(stat[32..], size);
        BinaryPrimitives.WriteInt64LittleEndian(stat[40..], ToNanoseconds(accessed));
        BinaryPrimitives.WriteInt64LittleEndian(stat[48..], ToNanoseconds(modified));
        BinaryPrimitives.WriteInt64LittleEndian(stat[56..], ToNanoseconds(modified));
    }

    private static long ToNanoseconds(DateTime time) => Math.Max(0, (time - DateTime.UnixEpoch).Ticks) * 100;

    private WasiErrno FdFilestatSetSize(int fd, long size)
    {
        FileStream file = Get(fd, WasiRights.FdFilestatSetSize).File ?? throw new WasiErrnoException(WasiErrno.BadF);
        if (size < 0)
        {
            return WasiErrno.Inval;
        }

        file.SetLength(size);
        return WasiErrno.Success;
    }

    private WasiErrno FdFilestatSetTimes(int fd, long accessed, long modified, int flags)
    {
        WasiDescriptor descriptor = Get(fd, WasiRights.FdFilestatSetTimes);
        if (descriptor.Stream is not null)
        {
            return WasiErrno.Success;
        }

        return SetTimes(descriptor.HostPath, descriptor.IsDirectory, accessed, modified, flags);
    }

    private static WasiErrno SetTimes(string hostPath, bool directory, long accessed, long modified, int flags)
    {
        if ((flags & (FstFlagAtim | FstFlagAtimNow)) == (FstFlagAtim | FstFlagAtimNow)
            || (flags & (FstFlagMtim | FstFlagMtimNow)) == (FstFlagMtim | FstFlagMtimNow))
        {
            return WasiErrno.Inval;
        }

        DateTime now = DateTime.UtcNow;
        DateTime? access = (flags & FstFlagAtimNow) != 0 ? now : (flags & FstFlagAtim) != 0 ? FromNanoseconds(accessed) : null;
        DateTime? write = (flags & FstFlagMtimNow) != 0 ? now : (flags & FstFlagMtim) != 0 ? FromNanoseconds(modified) : null;
        if (access is { } a)
        {
            if (directory)
            {
                Directory.SetLastAccessTimeUtc(hostPath, a);
            }
            else
            {
                File.SetLastAccessTimeUtc(hostPath, a);
            }
        }

        if (write is { } w)
        {
            if (directory)
            {
                Directory.SetLastWriteTimeUtc(hostPath, w);
            }
            else
            {
                File.SetLastWriteTimeUtc(hostPath, w);
            }
        }

        return WasiErrno.Success;
    }

    private static DateTime FromNanoseconds(long nanoseconds) => DateTime.UnixEpoch.AddTicks((long)((ulong)nanoseconds / 100));

    private WasiErrno FdPrestatGet(int fd, int pointer)
    {
        WasiDescriptor descriptor = Get(fd, 0);
        if (descriptor.PreopenName is not { } name)
        {
            return WasiErrno.BadF;
        }

        Span<byte> prestat = Bytes(pointer, 8);
        prestat.Clear();
        BinaryPrimitives.WriteInt32LittleEndian(prestat[4..], Encoding.UTF8.GetByteCount(name));
        return WasiErrno.Success;
    }

    private WasiErrno FdPrestatDirName(int fd, int pointer, int length)
    {
        WasiDescriptor descriptor = Get(fd, 0);
        if (descriptor.PreopenName is not { } name)
        {
            return WasiErrno.BadF;
        }

        byte[] bytes = Encoding.UTF8.GetBytes(name);
        if ((uint)length < bytes.Length)
        {
            return WasiErrno.NameTooLong;
        }

        bytes.CopyTo(Bytes(pointer, bytes.Length));
        return WasiErrno.Success;
    }

    private WasiErrno FdRead(int fd, int iovs, int count, int resultPointer)
    {
        WasiDescriptor descriptor = Get(fd, WasiRights.FdRead);
        Bytes(resultPointer, 4); // checked before any effect, so a bad pointer changes nothing
        long total = Read(descriptor, iovs, count, descriptor.Position);
        if (descriptor.File is not null)
        {
            descriptor.Position += total;
        }

        WriteU32(resultPointer, (uint)total);
        return WasiErrno.Success;
    }

    private WasiErrno FdPread(int fd, int iovs, int count, long offset, int resultPointer)
    {
        WasiDescriptor descriptor = Get(fd, WasiRights.FdRead | WasiRights.FdSeek);
        Bytes(resultPointer, 4); // checked before any effect, so a bad pointer changes nothing
        if (offset < 0)
        {
            return WasiErrno.Inval;
        }

        WriteU32(resultPointer, (uint)Read(descriptor, iovs, count, offset));
        return WasiErrno.Success;
    }

    /// <summary>Fills the iovecs in order, stopping at the first short read (end of file or of available input).</summary>
    private long Read(WasiDescriptor descriptor, int iovs, int count, long offset)
    {
        if (descriptor.IsDirectory)
        {
            throw new WasiErrnoException(WasiErrno.IsDir);
        }

        long total = 0;
        foreach ((int pointer, int length) in ReadIovecs(iovs, count))
        {
            Span<byte> buffer = Bytes(pointer, length);
            int read = descriptor.File is { } file
                ? RandomAccess.Read(file.SafeFileHandle, buffer, offset + total)
                : descriptor.Stream!.Read(buffer);
            total += read;
            if (read < length)
            {
                break;
            }
        }

        return total;
    }

    private WasiErrno FdWrite(int fd, int iovs, int count, int resultPointer)
    {
        WasiDescriptor descriptor = Get(fd, WasiRights.FdWrite);
        Bytes(resultPointer, 4); // checked before any effect, so a bad pointer changes nothing
        if (descriptor.File is { } file && (descriptor.Flags & FdFlagAppend) != 0)
        {
            descriptor.Position = RandomAccess.GetLength(file.SafeFileHandle);
        }

        long total = Write(descriptor, iovs, count, descriptor.Position);
        if (descriptor.File is not null)
        {
            descriptor.Position += total;
        }

        WriteU32(resultPointer, (uint)total);
        return WasiErrno.Success;
    }

    private WasiErrno FdPwrite(int fd, int iovs, int count, long offset, int resultPointer)
    {
        WasiDescriptor descriptor = Get(fd, WasiRights.FdWrite | WasiRights.FdSeek);
        Bytes(resultPointer, 4); // checked before any effect, so a bad pointer changes nothing
        if (offset < 0)
        {
            return WasiErrno.Inval;
        }

        WriteU32(resultPointer, (uint)Write(descriptor, iovs, count, offset));
        return WasiErrno.Success;
    }

    private long Write(WasiDescriptor descriptor, int iovs, int count, long offset)
    {
        if (descriptor.IsDirectory)
        {
            throw new WasiErrnoException(WasiErrno.IsDir);
        }

        long total = 0;
        foreach ((int pointer, int length) in ReadIovecs(iovs, count))
        {
            ReadOnlySpan<byte> data = Bytes(pointer, length);
            if (descriptor.File is { } file)
            {
                RandomAccess.Write(file.SafeFileHandle, data, offset + total);
            }
            else
            {
                descriptor.Stream!.Write(data);
            }

            total += length;
        }

        if ((descriptor.Flags & (FdFlagSync | FdFlagDsync | FdFlagRsync)) != 0)
        {
            descriptor.File?.Flush(flushToDisk: true);
        }

        descriptor.Stream?.Flush();
        return total;
    }

    private WasiErrno FdReaddir(int fd, int buffer, int length, long cookie, int resultPointer)
    {
        WasiDescriptor descriptor = Get(fd, WasiRights.FdReaddir);
        if (!descriptor.IsDirectory)
        {
            return WasiErrno.NotDir;
        }

        if (cookie == 0 || descriptor.Listing is null)
        {
            descriptor.Listing = WasiHostFiles.List(descriptor.HostPath);
        }

        Span<byte> output = Bytes(buffer, (uint)length);
        int used = 0;
        Span<byte> header = stackalloc byte[DirentHeaderSize];
        for (long i = Math.Max(0, cookie); i < descriptor.Listing.Count && used < output.Length; i++)
        {
            WasiDirectoryEntry entry = descriptor.Listing[(int)i];
            header.Clear();
            BinaryPrimitives.WriteInt64LittleEndian(header, i + 1);
            BinaryPrimitives.WriteUInt64LittleEndian(header[8..], entry.Inode);
            BinaryPrimitives.WriteInt32LittleEndian(header[16..], entry.Name.Length);
            header[20] = (byte)entry.Type;

            // An entry that does not fit is truncated: the caller sees a full buffer and asks again with a bigger one.
            used += Copy(header, output[used..]);
            used += Copy(entry.Name, output[used..]);
        }

        WriteU32(resultPointer, (uint)used);
        return WasiErrno.Success;
    }

    private static int Copy(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        int n = Math.Min(source.Length, destination.Length);
        source[..n].CopyTo(destination);
        return n;
    }

    private WasiErrno FdRenumber(int fd, int to)
    {
        WasiDescriptor descriptor = Get(fd, 0);
        WasiDescriptor target = Get(to, 0);
        if (fd == to)
        {
            return WasiErrno.Success;
        }

        target.File?.Dispose();
        _descriptors[to] = descriptor;
        _descriptors.Remove(fd);
        return WasiErrno.Success;
    }

    private WasiErrno FdSeek(int fd, long offset, int whence, int resultPointer)
    {
        if (_descriptors.TryGetValue(fd, out WasiDescriptor? stream) && stream.Stream is not null)
        {
            return WasiErrno.SPipe;
        }

        // Asking for the current position needs only the tell right (lseek(fd, 0, SEEK_CUR) is how libc tells).
        WasiDescriptor descriptor = Get(fd, whence == 1 && offset == 0 ? WasiRights.FdTell : WasiRights.FdSeek);
        if (descriptor.File is not { } file)
        {
            return WasiErrno.BadF;
        }

        long origin = whence switch
        {
            0 => 0,
            1 => descriptor.Position,
            2 => RandomAccess.GetLength(file.SafeFileHandle),
            _ => -1,
        };
        if (origin < 0 || (offset < 0 && origin + offset < 0) || (offset > 0 && origin > long.MaxValue - offset))
        {
            return WasiErrno.Inval;
        }

        descriptor.Position = origin + offset;
        WriteU64(resultPointer, (ulong)descriptor.Position);
        return WasiErrno.Success;
    }

    private WasiErrno FdTell(int fd, int resultPointer)
    {
        WasiDescriptor descriptor = Get(fd, WasiRights.FdTell);
        if (descriptor.File is null)
        {
            return descriptor.Stream is null ? WasiErrno.BadF : WasiErrno.SPipe;
        }

        WriteU64(resultPointer, (ulong)descriptor.Position);
        return WasiErrno.Success;
    }
}
