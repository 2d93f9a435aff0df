// SPDX-License-Identifier: Apache-2.0

using System.Collections.Immutable;
using System.Text;
using Lineage.Wasm.Model;
using Lineage.Wasm.Runtime;
using ValueType = Lineage.Wasm.Model.ValueType;

namespace Lineage.Wasm.Wasi;

/// <summary>
/// WASI preview 1 (<c>wasi_snapshot_preview1</c>) for one module instance: arguments, environment, clocks,
/// randomness, exit, standard streams and a file system made only of the <see cref="WasiOptions.Preopens"/>.
/// There are no sockets (<c>sock_*</c> answer <c>ENOTSUP</c>) and no signals. Errnos follow the witx.
/// </summary>
/// <remarks>
/// Use one context per instance (descriptors are per instance): <see cref="Instantiate"/>, then
/// <see cref="Start"/> for a command or call the reactor's exports. Disposing closes the files the module left
/// open and flushes (but does not close) the standard streams, which belong to the caller.
/// </remarks>
public sealed partial class WasiContext : IDisposable
{
    /// <summary>The import module name of preview 1.</summary>
    public const string Namespace = "wasi_snapshot_preview1";

    private const int FirstPreopen = 3;

    private readonly WasiOptions _options;
    private readonly byte[][] _arguments;
    private readonly byte[][] _environment;
    private readonly SortedDictionary<int, WasiDescriptor> _descriptors = [];
    private Func<WasmMemory>? _memory;

    /// <summary>Creates the WASI view; every preopen must be an existing host directory.</summary>
    public WasiContext(WasiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _arguments = [.. options.Arguments.Select(a => Encoding.UTF8.GetBytes(a + "\0"))];
        _environment = [.. options.Environment.Select(e => Encoding.UTF8.GetBytes($"{e.Key}={e.Value}\0"))];
        _descriptors[0] = Stdio(options.Stdin ?? Stream.Null);
        _descriptors[1] = Stdio(options.Stdout ?? Stream.Null);
        _descriptors[2] = Stdio(options.Stderr ?? Stream.Null);
        int fd = FirstPreopen;
        foreach (WasiPreopen preopen in options.Preopens)
        {
            if (!Directory.Exists(preopen.HostPath))
            {
                throw new DirectoryNotFoundException($"preopen '{preopen.GuestPath}': host directory '{preopen.HostPath}' does not exist");
            }

            string root = RealPath(preopen.HostPath);
            _descriptors[fd++] = new WasiDescriptor
            {
                Type = WasiFileType.Directory,
                HostPath = root,
                SandboxRoot = root,
                PreopenName = preopen.GuestPath,
                RightsBase = WasiRights.Directory,
                RightsInheriting = WasiRights.Directory | WasiRights.RegularFile,
            };
        }
    }

    /// <summary>
    /// If <paramref name="exception"/> is (or wraps, as a host-error trap does) a <c>proc_exit</c>, its exit code.
    /// </summary>
    public static bool TryGetExitCode(Exception? exception, out int exitCode)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            if (e is WasiExitException exit)
            {
                exitCode = exit.ExitCode;
                return true;
            }
        }

        exitCode = 0;
        return false;
    }

    /// <summary>
    /// Defines every <c>wasi_snapshot_preview1</c> function <paramref name="module"/> imports.
    /// <paramref name="memory"/> gives the instance's memory when a call needs it (the instance exists only later).
    /// </summary>
    /// <exception cref="WasmLinkException">An import has the wrong type or is not a preview 1 function.</exception>
    public void Define(WasmImports imports, WasmModule module, Func<WasmMemory> memory)
    {
        ArgumentNullException.ThrowIfNull(imports);
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(memory);
        _memory = memory;
        foreach (Import import in module.Imports)
        {
            if (import.ModuleName != Namespace || import.Kind != ExternalKind.Function)
            {
                continue;
            }

            FunctionType declared = module.Types[(int)import.FunctionTypeIndex];
            imports.Define(Namespace, import.Name, CreateFunction(import.Name, declared));
        }
    }

    /// <summary>Defines the WASI imports, instantiates <paramref name="module"/> and binds WASI to its exported <c>memory</c>.</summary>
    public WasmInstance Instantiate(WasmStore store, WasmModule module, WasmImports? imports = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        WasmInstance? instance = null;
        imports ??= new WasmImports();
        Define(imports, module, () => instance?.TryGetExport("memory", out object? m) == true && m is WasmMemory memory
            ? memory
            : throw new WasiErrnoException(WasiErrno.Fault));
        instance = store.Instantiate(module, imports);
        if (instance.TryGetExport("memory", out object? exported) && exported is WasmMemory bound)
        {
            _memory = () => bound; // the export never changes: skip the lookup on every call
        }

        return instance;
    }

    /// <summary>
    /// Runs a command's <c>_start</c> and returns its exit code: 0 when it returns, the code when it calls
    /// <c>proc_exit</c>. Traps other than the exit propagate as <see cref="WasmTrapException"/>.
    /// </summary>
    public int Start(WasmInstance instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        try
        {
            instance.GetFunction("_start").Invoke();
            return 0;
        }
        catch (WasmTrapException trap) when (TryGetExitCode(trap, out int exitCode))
        {
            return exitCode;
        }
        finally
        {
            Flush();
        }
    }

    /// <summary>Flushes the standard output streams.</summary>
    public void Flush()
    {
        _options.Stdout?.Flush();
        _options.Stderr?.Flush();
    }

    /// <summary>Closes the files the module left open and flushes the standard streams.</summary>
    public void Dispose()
    {
        foreach (WasiDescriptor descriptor in _descriptors.Values)
        {
            descriptor.File?.Dispose();
        }

        _descriptors.Clear();
        Flush();
    }

    private static WasiDescriptor Stdio(Stream stream) => new()
    {
        Type = WasiFileType.CharacterDevice,
        Stream = stream,
        RightsBase = WasiRights.Stdio,
    };

    /// <summary>The path with every symlink resolved (the sandbox root is compared against real paths).</summary>
    private static string RealPath(string path)
    {
        string full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
        string? parent = Path.GetDirectoryName(full);
        if (parent is null)
        {
            return full;
        }

        string current = Path.Join(RealPath(parent), Path.GetFileName(full));
        for (int hops = 0; hops < 40 && new DirectoryInfo(current).LinkTarget is { } target; hops++)
        {
            current = Path.GetFullPath(target, Path.GetDirectoryName(current)!);
            current = Path.Join(RealPath(Path.GetDirectoryName(current)!), Path.GetFileName(current));
        }

        return current;
    }

    private WasmFunction CreateFunction(string name, FunctionType declared)
    {
        if (name == "proc_exit")
        {
            Expect(name, declared, new FunctionType([ValueType.I32], ImmutableArray<ValueType>.Empty));
            return WasmFunction.FromCallback(declared, (args, _) =>
            {
                Flush();
                throw new WasiExitException(args[0].I32);
            });
        }

        (string parameters, Func<ReadOnlySpan<WasmValue>, WasiErrno> body) = Lookup(name)
            ?? throw new WasmLinkException($"{Namespace}.{name} is not a WASI preview 1 function");
        Expect(name, declared, new FunctionType([.. parameters.Select(c => c == 'l' ? ValueType.I64 : ValueType.I32)], [ValueType.I32]));
        return WasmFunction.FromCallback(declared, (args, results) => results[0] = WasmValue.FromI32((int)Call(body, args)));
    }

    private static void Expect(string name, FunctionType declared, FunctionType expected)
    {
        if (!declared.Equals(expected))
        {
            throw new WasmLinkException($"{Namespace}.{name} is imported with type {declared}, expected {expected}");
        }
    }

    private static WasiErrno Call(Func<ReadOnlySpan<WasmValue>, WasiErrno> body, ReadOnlySpan<WasmValue> args)
    {
        try
        {
            return body(args);
        }
        catch (Exception e) when (WasiHostFiles.ToErrno(e) is { } errno)
        {
            return errno;
        }
    }
}
