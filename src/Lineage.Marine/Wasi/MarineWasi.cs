// SPDX-License-Identifier: Apache-2.0

using System.Buffers.Binary;
using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using Lineage.Marine.Config;
using Lineage.Wasm.Model;
using Lineage.Wasm.Runtime;
using ValueType = Lineage.Wasm.Model.ValueType;

namespace Lineage.Marine.Wasi;

/// <summary>
/// The WASI preview 1 subset Marine gives a module, with Marine's policy: args = the module name; env = the
/// config's envs; preopens ONLY from the config's mapped dirs (no ambient file system); stdout and stderr go to
/// the host log line by line; no stdin; no sockets. Paths are resolved inside a preopen: absolute paths,
/// <c>..</c> escapes and symlinks leading outside are refused with <c>ENOTCAPABLE</c>.
/// </summary>
internal sealed class MarineWasi : IDisposable
{
    public const string Namespace = "wasi_snapshot_preview1";

    private const int FirstPreopen = 3;
    private const long RightFdRead = 1 << 1;
    private const long RightFdWrite = 1 << 6;

    private readonly string _moduleName;
    private readonly Func<WasmMemory> _memory;
    private readonly Action<int, string> _output;
    private readonly string[] _args;
    private readonly string[] _environment;
    private readonly Dictionary<int, WasiDescriptor> _descriptors = [];
    private readonly StringBuilder[] _lineBuffers = [new(), new()];
    private int _nextDescriptor;

    /// <summary>Creates the WASI view of one module; <paramref name="output"/> receives complete stdout (1) / stderr (2) lines.</summary>
    public MarineWasi(string moduleName, MarineModuleConfig config, Func<WasmMemory> memory, Action<int, string> output)
    {
        ArgumentNullException.ThrowIfNull(config);
        _moduleName = moduleName;
        _memory = memory;
        _output = output;
        _args = [moduleName];
        _environment = [.. config.Wasi.Envs.Select(e => $"{e.Key}={e.Value}")];
        _nextDescriptor = FirstPreopen;
        foreach ((string guest, string host) in config.Wasi.MappedDirs)
        {
            Directory.CreateDirectory(host);
            string root = RealPath(Path.GetFullPath(host));
            _descriptors[_nextDescriptor++] = new WasiDescriptor(root, guest, null, isPreopen: true) { SandboxRoot = root };
        }
    }

    /// <summary>Defines every <c>wasi_snapshot_preview1</c> function <paramref name="module"/> imports.</summary>
    public void Define(WasmImports imports, WasmModule module)
    {
        ArgumentNullException.ThrowIfNull(imports);
        ArgumentNullException.ThrowIfNull(module);
        foreach (Import import in module.Imports)
        {
            if (import.ModuleName != Namespace || import.Kind != ExternalKind.Function)
            {
                continue;
            }

            FunctionType declared = module.Types[(int)import.FunctionTypeIndex];
            (FunctionType expected, Func<ReadOnlySpan<WasmValue>, int>? body) = Lookup(import.Name);
            if (body is not null && !expected.Equals(declared))
            {
                throw new WasmLinkException($"module '{_moduleName}' imports {Namespace}.{import.Name} with type {declared}, expected {expected}");
            }

            if (import.Name == "proc_exit")
            {
                imports.Define(Namespace, import.Name, WasmFunction.FromCallback(declared, (args, _) => throw new WasiExitException(args[0].I32)));
                continue;
            }

            // Functions outside the subset (sockets, polling, ...) exist but answer ENOSYS, as a capability-less host should.
            Func<ReadOnlySpan<WasmValue>, int> call = body ?? (_ => WasiErrno.NotImplemented);
            bool returnsErrno = declared.Results is [ValueType.I32];
            imports.Define(Namespace, import.Name, WasmFunction.FromCallback(declared, (args, results) =>
            {
                int errno = call(args);
                if (returnsErrno)
                {
                    results[0] = WasmValue.FromI32(errno);
                }
            }));
        }
    }

    /// <summary>Flushes partial output lines and closes open files.</summary>
    public void Dispose()
    {
        for (int fd = 1; fd <= 2; fd++)
        {
            if (_lineBuffers[fd - 1].Length > 0)
            {
                _output(fd, _lineBuffers[fd - 1].ToString());
                _lineBuffers[fd - 1].Clear();
            }
        }

        foreach (WasiDescriptor descriptor in _descriptors.Values)
        {
            descriptor.File?.Dispose();
        }

        _descriptors.Clear();
    }

    private static FunctionType Type(int i32Parameters, params ValueType[] extra) =>
        new([.. Enumerable.Repeat(ValueType.I32, i32Parameters), .. extra], [ValueType.I32]);

    private static FunctionType Type(ValueType[] parameters) => new([.. parameters], [ValueType.I32]);

    private (FunctionType Type, Func<ReadOnlySpan<WasmValue>, int>? Body) Lookup(string name)
    {
        const ValueType I = ValueType.I32;
        const ValueType L = ValueType.I64;
        return name switch
        {
            "args_sizes_get" => (Type(2), a => SizesGet(_args, a[0].I32, a[1].I32)),
            "args_get" => (Type(2), a => StringsGet(_args, a[0].I32, a[1].I32)),
            "environ_sizes_get" => (Type(2), a => SizesGet(_environment, a[0].I32, a[1].I32)),
            "environ_get" => (Type(2), a => StringsGet(_environment, a[0].I32, a[1].I32)),
            "clock_time_get" => (Type([I, L, I]), a => ClockTimeGet(a[0].I32, a[2].I32)),
            "clock_res_get" => (Type(2), a => Store64(a[1].I32, 1_000)),
            "random_get" => (Type(2), a => RandomGet(a[0].I32, a[1].I32)),
            "sched_yield" => (new FunctionType(ImmutableArray<ValueType>.Empty, [I]), _ => WasiErrno.Success),
            "proc_exit" => (new FunctionType([I], ImmutableArray<ValueType>.Empty), null),
            "fd_write" => (Type(4), a => FdWrite(a[0].I32, a[1].I32, a[2].I32, a[3].I32)),
            "fd_read" => (Type(4), a => FdRead(a[0].I32, a[1].I32, a[2].I32, a[3].I32)),
            "fd_close" => (Type(1), a => FdClose(a[0].I32)),
            "fd_seek" => (Type([I, L, I, I]), a => FdSeek(a[0].I32, a[1].I64, a[2].I32, a[3].I32)),
            "fd_tell" => (Type(2), a => FdSeek(a[0].I32, 0, 1, a[1].I32)),
            "fd_sync" or "fd_datasync" => (Type(1), a => _descriptors.ContainsKey(a[0].I32) ? WasiErrno.Success : WasiErrno.BadDescriptor),
            "fd_fdstat_get" => (Type(2), a => FdFdstatGet(a[0].I32, a[1].I32)),
            "fd_fdstat_set_flags" => (Type([I, I]), _ => WasiErrno.NotImplemented),
            "fd_filestat_get" => (Type(2), a => FdFilestatGet(a[0].I32, a[1].I32)),
            "fd_prestat_get" => (Type(2), a => FdPrestatGet(a[0].I32, a[1].I32)),
            "fd_prestat_dir_name" => (Type(3), a => FdPrestatDirName(a[0].I32, a[1].I32, a[2].I32)),
            "path_open" => (Type([I, I, I, I, I, L, L, I, I]), a => PathOpen(a[0].I32, a[2].I32, a[3].I32, a[4].I32, a[5].I64, a[7].I32, a[8].I32)),
            "path_filestat_get" => (Type(5), a => PathFilestatGet(a[0].I32, a[2].I32, a[3].I32, a[4].I32)),
            "path_create_directory" => (Type(3), a => PathCreateDirectory(a[0].I32, a[1].I32, a[2].I32)),
            "path_unlink_file" => (Type(3), a => PathRemove(a[0].I32, a[1].I32, a[2].I32, directory: false)),
            "path_remove_directory" => (Type(3), a => PathRemove(a[0].I32, a[1].I32, a[2].I32, directory: true)),
            _ => (new FunctionType(ImmutableArray<ValueType>.Empty, ImmutableArray<ValueType>.Empty), null),
        };
    }

    private Span<byte> Memory(int pointer, long length)
    {
        WasmMemory memory = _memory();
        if (length < 0 || length > int.MaxValue || (ulong)((uint)pointer + length) > memory.Length)
        {
            throw new WasmTrapException(TrapCode.MemoryOutOfBounds);
        }

        return memory.GetSpan((uint)pointer, (int)length);
    }

    private int Store32(int pointer, int value)
    {
        BinaryPrimitives.WriteInt32LittleEndian(Memory(pointer, 4), value);
        return WasiErrno.Success;
    }

    private int Store64(int pointer, long value)
    {
        BinaryPrimitives.WriteInt64LittleEndian(Memory(pointer, 8), value);
        return WasiErrno.Success;
    }

    private int SizesGet(string[] items, int countPointer, int sizePointer)
    {
        Store32(countPointer, items.Length);
        return Store32(sizePointer, items.Sum(s => Encoding.UTF8.GetByteCount(s) + 1));
    }

    private int StringsGet(string[] items, int pointersPointer, int bufferPointer)
    {
        int offset = bufferPointer;
        for (int i = 0; i < items.Length; i++)
        {
            Store32(pointersPointer + (4 * i), offset);
            byte[] bytes = Encoding.UTF8.GetBytes(items[i] + "\0");
            bytes.CopyTo(Memory(offset, bytes.Length));
            offset += bytes.Length;
        }

        return WasiErrno.Success;
    }

    private int ClockTimeGet(int clock, int resultPointer)
    {
        long nanoseconds = clock switch
        {
            0 => (DateTimeOffset.UtcNow - DateTimeOffset.UnixEpoch).Ticks * 100,
            1 or 2 or 3 => (long)(System.Diagnostics.Stopwatch.GetTimestamp() * (1e9 / System.Diagnostics.Stopwatch.Frequency)),
            _ => -1,
        };
        return nanoseconds < 0 ? WasiErrno.Invalid : Store64(resultPointer, nanoseconds);
    }

    private int RandomGet(int pointer, int length)
    {
        RandomNumberGenerator.Fill(Memory(pointer, (uint)length));
        return WasiErrno.Success;
    }

    private int FdWrite(int fd, int iovs, int iovsLength, int writtenPointer)
    {
        long total = 0;
        for (int i = 0; i < iovsLength; i++)
        {
            Span<byte> iov = Memory(iovs + (8 * i), 8);
            int pointer = BinaryPrimitives.ReadInt32LittleEndian(iov);
            int length = BinaryPrimitives.ReadInt32LittleEndian(iov[4..]);
            ReadOnlySpan<byte> data = Memory(pointer, (uint)length);
            if (fd is 1 or 2)
            {
                AppendOutput(fd, data);
            }
            else if (_descriptors.TryGetValue(fd, out WasiDescriptor? descriptor) && descriptor.File is { } file)
            {
                if (!file.CanWrite)
                {
                    return WasiErrno.BadDescriptor;
                }

                file.Write(data);
            }
            else
            {
                return WasiErrno.BadDescriptor;
            }

            total += (uint)length;
        }

        return Store32(writtenPointer, (int)total);
    }

    private void AppendOutput(int fd, ReadOnlySpan<byte> data)
    {
        StringBuilder buffer = _lineBuffers[fd - 1];
        buffer.Append(Encoding.UTF8.GetString(data));
        int newline;
        while ((newline = buffer.ToString().IndexOf('\n', StringComparison.Ordinal)) >= 0)
        {
            _output(fd, buffer.ToString(0, newline));
            buffer.Remove(0, newline + 1);
        }

        if (buffer.Length > 64 * 1024)
        {
            _output(fd, buffer.ToString());
            buffer.Clear();
        }
    }

    private int FdRead(int fd, int iovs, int iovsLength, int readPointer)
    {
        if (!_descriptors.TryGetValue(fd, out WasiDescriptor? descriptor) || descriptor.File is not { CanRead: true } file)
        {
            return descriptor?.IsDirectory == true ? WasiErrno.IsDirectory : WasiErrno.BadDescriptor;
        }

        long total = 0;
        for (int i = 0; i < iovsLength; i++)
        {
            Span<byte> iov = Memory(iovs + (8 * i), 8);
            int pointer = BinaryPrimitives.ReadInt32LittleEndian(iov);
            int length = BinaryPrimitives.ReadInt32LittleEndian(iov[4..]);
            int read = file.Read(Memory(pointer, (uint)length));
            total += read;
            if (read < length)
            {
                break;
            }
        }

        return Store32(readPointer, (int)total);
    }

    private int FdClose(int fd)
    {
        if (!_descriptors.Remove(fd, out WasiDescriptor? descriptor))
        {
            return WasiErrno.BadDescriptor;
        }

        descriptor.File?.Dispose();
        return WasiErrno.Success;
    }

    private int FdSeek(int fd, long offset, int whence, int resultPointer)
    {
        if (fd is 0 or 1 or 2)
        {
            return WasiErrno.SeekOnPipe;
        }

        if (!_descriptors.TryGetValue(fd, out WasiDescriptor? descriptor) || descriptor.File is not { } file)
        {
            return WasiErrno.BadDescriptor;
        }

        SeekOrigin origin = whence switch
        {
            0 => SeekOrigin.Begin,
            1 => SeekOrigin.Current,
            2 => SeekOrigin.End,
            _ => (SeekOrigin)(-1),
        };
        if ((int)origin < 0)
        {
            return WasiErrno.Invalid;
        }

        try
        {
            return Store64(resultPointer, file.Seek(offset, origin));
        }
        catch (IOException)
        {
            return WasiErrno.Invalid;
        }
    }

    private int FdFdstatGet(int fd, int pointer)
    {
        Span<byte> stat = Memory(pointer, 24);
        stat.Clear();
        if (fd is 1 or 2)
        {
            stat[0] = 2; // character device
            BinaryPrimitives.WriteInt64LittleEndian(stat[8..], RightFdWrite);
            return WasiErrno.Success;
        }

        if (!_descriptors.TryGetValue(fd, out WasiDescriptor? descriptor))
        {
            return WasiErrno.BadDescriptor;
        }

        stat[0] = descriptor.IsDirectory ? (byte)3 : (byte)4;
        BinaryPrimitives.WriteInt64LittleEndian(stat[8..], -1);
        BinaryPrimitives.WriteInt64LittleEndian(stat[16..], -1);
        return WasiErrno.Success;
    }

    private int FdFilestatGet(int fd, int pointer)
    {
        if (!_descriptors.TryGetValue(fd, out WasiDescriptor? descriptor))
        {
            return fd is 1 or 2 ? WriteFilestat(pointer, 2, 0, DateTime.UnixEpoch) : WasiErrno.BadDescriptor;
        }

        return descriptor.File is { } file
            ? WriteFilestat(pointer, 4, file.Length, File.GetLastWriteTimeUtc(descriptor.HostPath))
            : WriteFilestat(pointer, 3, 0, Directory.GetLastWriteTimeUtc(descriptor.HostPath));
    }

    private int WriteFilestat(int pointer, byte fileType, long size, DateTime modified)
    {
        Span<byte> stat = Memory(pointer, 64);
        stat.Clear();
        stat[16] = fileType;
        BinaryPrimitives.WriteInt64LittleEndian(stat[24..], 1);
        BinaryPrimitives.WriteInt64LittleEndian(stat[32..], size);
        long time = (modified - DateTime.UnixEpoch).Ticks * 100;
        BinaryPrimitives.WriteInt64LittleEndian(stat[40..], time);
        BinaryPrimitives.WriteInt64LittleEndian(stat[48..], time);
        BinaryPrimitives.WriteInt64LittleEndian(stat[56..], time);
        return WasiErrno.Success;
    }

    private int FdPrestatGet(int fd, int pointer)
    {
        if (!_descriptors.TryGetValue(fd, out WasiDescriptor? descriptor) || !descriptor.IsPreopen)
        {
            return WasiErrno.BadDescriptor;
        }

        Span<byte> prestat = Memory(pointer, 8);
        prestat.Clear();
        BinaryPrimitives.WriteInt32LittleEndian(prestat[4..], Encoding.UTF8.GetByteCount(descriptor.GuestName));
        return WasiErrno.Success;
    }

    private int FdPrestatDirName(int fd, int pointer, int length)
    {
        if (!_descriptors.TryGetValue(fd, out WasiDescriptor? descriptor) || !descriptor.IsPreopen)
        {
            return WasiErrno.BadDescriptor;
        }

        byte[] name = Encoding.UTF8.GetBytes(descriptor.GuestName);
        if (name.Length > length)
        {
            return WasiErrno.NameTooLong;
        }

        name.CopyTo(Memory(pointer, name.Length));
        return WasiErrno.Success;
    }

    /// <summary>
    /// Resolves a guest path relative to directory descriptor <paramref name="fd"/> to a host path inside the
    /// same preopen, or returns an errno: absolute paths, <c>..</c> above the preopen and symlinks leading out
    /// are all <c>ENOTCAPABLE</c>.
    /// </summary>
    private int Resolve(int fd, int pathPointer, int pathLength, out string hostPath, out WasiDescriptor? directory)
    {
        hostPath = "";
        if (!_descriptors.TryGetValue(fd, out directory) || !directory.IsDirectory)
        {
            return directory is null ? WasiErrno.BadDescriptor : WasiErrno.NotDirectory;
        }

        string path = Encoding.UTF8.GetString(Memory(pathPointer, (uint)pathLength));
        if (path.StartsWith('/') || path.Contains('\0', StringComparison.Ordinal))
        {
            return WasiErrno.NotCapable;
        }

        string root = directory.SandboxRoot;
        string relativeBase = Path.GetRelativePath(root, directory.HostPath);
        var parts = new List<string>(relativeBase == "." ? [] : relativeBase.Split('/'));
        foreach (string part in path.Split('/'))
        {
            if (part is "" or ".")
            {
                continue;
            }

            if (part == "..")
            {
                if (parts.Count == 0)
                {
                    return WasiErrno.NotCapable;
                }

                parts.RemoveAt(parts.Count - 1);
                continue;
            }

            parts.Add(part);
        }

        string candidate = parts.Count == 0 ? root : Path.Combine([root, .. parts]);
        string real = RealPath(candidate);
        if (real != root && !real.StartsWith(root + "/", StringComparison.Ordinal))
        {
            return WasiErrno.NotCapable;
        }

        hostPath = real;
        return WasiErrno.Success;
    }

    private int PathOpen(int fd, int pathPointer, int pathLength, int openFlags, long rights, int fdFlags, int resultPointer)
    {
        int errno = Resolve(fd, pathPointer, pathLength, out string hostPath, out WasiDescriptor? directory);
        if (errno != WasiErrno.Success)
        {
            return errno;
        }

        bool create = (openFlags & 1) != 0;
        bool mustBeDirectory = (openFlags & 2) != 0;
        bool exclusive = (openFlags & 4) != 0;
        bool truncate = (openFlags & 8) != 0;
        bool write = (rights & RightFdWrite) != 0 || truncate || (fdFlags & 1) != 0;
        try
        {
            if (Directory.Exists(hostPath))
            {
                if (write)
                {
                    return WasiErrno.IsDirectory;
                }

                return Store32(resultPointer, Add(new WasiDescriptor(hostPath, hostPath, null, isPreopen: false) { SandboxRoot = directory!.SandboxRoot }));
            }

            if (mustBeDirectory)
            {
                return File.Exists(hostPath) ? WasiErrno.NotDirectory : WasiErrno.NoEntry;
            }

            FileMode mode = (create, exclusive, truncate) switch
            {
                (true, true, _) => FileMode.CreateNew,
                (true, false, true) => FileMode.Create,
                (true, false, false) => FileMode.OpenOrCreate,
                (false, _, true) => FileMode.Truncate,
                _ => FileMode.Open,
            };
            FileAccess access = write ? ((rights & RightFdRead) != 0 ? FileAccess.ReadWrite : FileAccess.Write) : FileAccess.Read;
            var stream = new FileStream(hostPath, mode, access, FileShare.ReadWrite | FileShare.Delete);
            if ((fdFlags & 1) != 0)
            {
                stream.Seek(0, SeekOrigin.End);
            }

            return Store32(resultPointer, Add(new WasiDescriptor(hostPath, hostPath, stream, isPreopen: false) { SandboxRoot = directory!.SandboxRoot }));
        }
        catch (FileNotFoundException)
        {
            return WasiErrno.NoEntry;
        }
        catch (DirectoryNotFoundException)
        {
            return WasiErrno.NoEntry;
        }
        catch (UnauthorizedAccessException)
        {
            return WasiErrno.Access;
        }
        catch (IOException) when (File.Exists(hostPath) && exclusive)
        {
            return WasiErrno.Exists;
        }
        catch (IOException)
        {
            return WasiErrno.Io;
        }
    }

    private int PathFilestatGet(int fd, int pathPointer, int pathLength, int resultPointer)
    {
        int errno = Resolve(fd, pathPointer, pathLength, out string hostPath, out _);
        if (errno != WasiErrno.Success)
        {
            return errno;
        }

        if (Directory.Exists(hostPath))
        {
            return WriteFilestat(resultPointer, 3, 0, Directory.GetLastWriteTimeUtc(hostPath));
        }

        return File.Exists(hostPath)
            ? WriteFilestat(resultPointer, 4, new FileInfo(hostPath).Length, File.GetLastWriteTimeUtc(hostPath))
            : WasiErrno.NoEntry;
    }

    private int PathCreateDirectory(int fd, int pathPointer, int pathLength)
    {
        int errno = Resolve(fd, pathPointer, pathLength, out string hostPath, out _);
        if (errno != WasiErrno.Success)
        {
            return errno;
        }

        if (Path.Exists(hostPath))
        {
            return WasiErrno.Exists;
        }

        Directory.CreateDirectory(hostPath);
        return WasiErrno.Success;
    }

    private int PathRemove(int fd, int pathPointer, int pathLength, bool directory)
    {
        int errno = Resolve(fd, pathPointer, pathLength, out string hostPath, out WasiDescriptor? parent);
        if (errno != WasiErrno.Success)
        {
            return errno;
        }

        if (hostPath == parent!.SandboxRoot)
        {
            return WasiErrno.NotCapable;
        }

        try
        {
            if (directory)
            {
                if (!Directory.Exists(hostPath))
                {
                    return File.Exists(hostPath) ? WasiErrno.NotDirectory : WasiErrno.NoEntry;
                }

                Directory.Delete(hostPath, recursive: false);
            }
            else
            {
                if (Directory.Exists(hostPath))
                {
                    return WasiErrno.IsDirectory;
                }

                if (!File.Exists(hostPath))
                {
                    return WasiErrno.NoEntry;
                }

                File.Delete(hostPath);
            }

            return WasiErrno.Success;
        }
        catch (IOException)
        {
            return WasiErrno.NotEmpty;
        }
    }

    private int Add(WasiDescriptor descriptor)
    {
        int fd = _nextDescriptor++;
        _descriptors[fd] = descriptor;
        return fd;
    }

    /// <summary>The path with every existing symlink along it resolved (missing tails kept as they are).</summary>
    private static string RealPath(string path)
    {
        string full = Path.GetFullPath(path);
        string? existing = full;
        var missing = new Stack<string>();
        while (existing is not null && !Path.Exists(existing))
        {
            missing.Push(Path.GetFileName(existing));
            existing = Path.GetDirectoryName(existing);
        }

        if (existing is null)
        {
            return full;
        }

        string resolved = ResolveLinks(existing);
        while (missing.Count > 0)
        {
            resolved = Path.Combine(resolved, missing.Pop());
        }

        return resolved;
    }

    private static string ResolveLinks(string existing)
    {
        string? parent = Path.GetDirectoryName(existing);
        string resolvedParent = parent is null ? existing : ResolveLinks(parent);
        if (parent is null)
        {
            return existing;
        }

        string current = Path.Combine(resolvedParent, Path.GetFileName(existing));
        for (int hops = 0; hops < 40; hops++)
        {
            FileSystemInfo info = Directory.Exists(current) ? new DirectoryInfo(current) : new FileInfo(current);
            if (info.LinkTarget is null)
            {
                return current;
            }

            string target = Path.IsPathRooted(info.LinkTarget)
                ? info.LinkTarget
                : Path.Combine(Path.GetDirectoryName(current)!, info.LinkTarget);
            current = RealPath(target);
        }

        return current;
    }
}
