// SPDX-License-Identifier: Apache-2.0

using System.Text;
using Lineage.Wasm.Model;
using Lineage.Wasm.Runtime;
using Lineage.Wasm.Wasi;

namespace Lineage.Wasm.Tests.Wasi;

/// <summary>
/// The WASI library at the ABI level, with hand-written modules that re-export the imports so a test can call
/// them with any (also hostile) arguments: sinks, exit, errnos, bad pointers, raw escapes, link checks.
/// The C-program behaviour is compared with node:wasi in tests/Lineage.Cli.Tests/Wasm.
/// </summary>
public sealed class WasiContextTests : IDisposable
{
    private const string Module = """
        (module
          (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
          (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
          (import "wasi_snapshot_preview1" "path_open" (func $path_open (param i32 i32 i32 i32 i32 i64 i64 i32 i32) (result i32)))
          (import "wasi_snapshot_preview1" "fd_prestat_get" (func $fd_prestat_get (param i32 i32) (result i32)))
          (import "wasi_snapshot_preview1" "fd_seek" (func $fd_seek (param i32 i64 i32 i32) (result i32)))
          (import "wasi_snapshot_preview1" "fd_readdir" (func $fd_readdir (param i32 i32 i32 i64 i32) (result i32)))
          (import "wasi_snapshot_preview1" "args_sizes_get" (func $args_sizes_get (param i32 i32) (result i32)))
          (import "wasi_snapshot_preview1" "environ_get" (func $environ_get (param i32 i32) (result i32)))
          (import "wasi_snapshot_preview1" "sock_accept" (func $sock_accept (param i32 i32 i32) (result i32)))
          (import "wasi_snapshot_preview1" "proc_raise" (func $proc_raise (param i32) (result i32)))
          (memory (export "memory") 1)
          (data (i32.const 16) "hello\n")
          (data (i32.const 0) "\10\00\00\00\06\00\00\00")
          (func (export "_start")
            (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 100)))
            (drop (call $fd_write (i32.const 2) (i32.const 0) (i32.const 1) (i32.const 100)))
            (call $proc_exit (i32.const 3))
            unreachable)
          (export "fd_write" (func $fd_write))
          (export "path_open" (func $path_open))
          (export "fd_prestat_get" (func $fd_prestat_get))
          (export "fd_seek" (func $fd_seek))
          (export "fd_readdir" (func $fd_readdir))
          (export "args_sizes_get" (func $args_sizes_get))
          (export "environ_get" (func $environ_get))
          (export "sock_accept" (func $sock_accept))
          (export "proc_raise" (func $proc_raise)))
        """;

    private const long FdWrite = 1 << 6;

    private static readonly Lazy<WasmModule> s_module = new(() => WasmModule.Decode(Wat.Assemble(Module)));

    private readonly string _sandbox = Directory.CreateTempSubdirectory("lineage-wasi-lib-").FullName;
    private readonly MemoryStream _stdout = new();
    private readonly MemoryStream _stderr = new();
    private readonly WasmStore _store = new();
    private readonly WasiContext _wasi;
    private readonly WasmInstance _instance;

    public WasiContextTests()
    {
        _wasi = new WasiContext(new WasiOptions
        {
            Arguments = ["prog", "\u00e9"],
            Environment = [new("A", "1"), new("B", "two")],
            Preopens = [new WasiPreopen("/sandbox", _sandbox)],
            Stdout = _stdout,
            Stderr = _stderr,
        });
        _instance = _wasi.Instantiate(_store, s_module.Value);
    }

    private WasmMemory Memory => _instance.GetMemory("memory");

    public void Dispose()
    {
        _wasi.Dispose();
        _store.Dispose();
        Directory.Delete(_sandbox, recursive: true);
    }

    [Fact]
    public void Start_writes_to_the_sinks_and_returns_the_proc_exit_code()
    {
        _wasi.Start(_instance).Should().Be(3);

        Encoding.UTF8.GetString(_stdout.ToArray()).Should().Be("hello\n");
        Encoding.UTF8.GetString(_stderr.ToArray()).Should().Be("hello\n");
    }

    [Fact]
    public void Proc_exit_from_an_export_is_recognisable_as_an_exit()
    {
        WasmTrapException trap = FluentActions.Invoking(() => _instance.GetFunction("_start").Invoke())
            .Should().Throw<WasmTrapException>().Which;

        WasiContext.TryGetExitCode(trap, out int code).Should().BeTrue();
        code.Should().Be(3);
        WasiContext.TryGetExitCode(new WasmTrapException(TrapCode.Unreachable), out _).Should().BeFalse();
    }

    [Fact]
    public void Pointers_outside_memory_are_EFAULT_not_a_crash()
    {
        int outside = (int)Memory.Length - 4;

        Call("fd_write", 1, outside, 1, 100).Should().Be(WasiErrno.Fault);
        Call("fd_write", 1, 0, 1, -1).Should().Be(WasiErrno.Fault, "the result pointer is checked too");
        Call("fd_write", 1, 0, 0x2000_0000, 100).Should().Be(WasiErrno.Fault, "an iovec count beyond memory");
        Call("path_open", 3, 1, outside, 100, 0, 0L, 0L, 0, 200).Should().Be(WasiErrno.Fault);
        Call("path_open", 3, 1, Put("never.txt"), 9, 1, -1L, -1L, 0, -2).Should().Be(WasiErrno.Fault);
        File.Exists(Path.Combine(_sandbox, "never.txt")).Should().BeFalse("a bad result pointer is caught before the file is created");
        _stdout.Length.Should().Be(0);
    }

    [Fact]
    public void Raw_paths_cannot_leave_the_preopen()
    {
        Call("path_open", 3, 1, Put(".."), 2, 0, -1L, -1L, 0, 200).Should().Be(WasiErrno.NotCapable);
        Call("path_open", 3, 1, Put("a/../../x"), 9, 1, -1L, -1L, 0, 200).Should().Be(WasiErrno.NotCapable);
        Call("path_open", 3, 1, Put("/etc/passwd"), 11, 0, -1L, -1L, 0, 200).Should().Be(WasiErrno.NotCapable);
        Call("path_open", 3, 1, Put("a\0b"), 3, 0, -1L, -1L, 0, 200).Should().Be(WasiErrno.Inval);
        Memory.GetSpan(1000, 2)[0] = 0xC3;
        Memory.GetSpan(1000, 2)[1] = 0x28;
        Call("path_open", 3, 1, 1000, 2, 0, -1L, -1L, 0, 200).Should().Be(WasiErrno.IlSeq);
        Call("path_open", 1, 1, Put("x"), 1, 0, -1L, -1L, 0, 200).Should().Be(WasiErrno.NotCapable, "stdout is no directory");
        Call("path_open", 9, 1, Put("x"), 1, 0, -1L, -1L, 0, 200).Should().Be(WasiErrno.BadF);
        Directory.EnumerateFileSystemEntries(Path.GetDirectoryName(_sandbox)!, "x").Should().BeEmpty();
    }

    [Fact]
    public void Created_files_are_inside_and_readdir_truncates_to_the_buffer()
    {
        Call("path_open", 3, 1, Put("made.txt"), 8, 1, -1L, -1L, 0, 200).Should().Be(WasiErrno.Success);
        File.Exists(Path.Combine(_sandbox, "made.txt")).Should().BeTrue();
        Call("path_open", 3, 1, Put("."), 1, 2, -1L, -1L, 0, 204).Should().Be(WasiErrno.IsDir, "a directory cannot be opened for writing");
        Call("path_open", 3, 1, Put("."), 1, 2, ~FdWrite, -1L, 0, 204).Should().Be(WasiErrno.Success);
        int directory = Memory.Read<int>(204);

        Call("fd_readdir", directory, 300, 30, 0L, 208).Should().Be(WasiErrno.Success);
        Memory.Read<int>(208).Should().Be(30, "a full buffer tells the caller to retry with a bigger one");
        Call("fd_readdir", directory, 300, 200, 0L, 208).Should().Be(WasiErrno.Success);
        Memory.Read<int>(208).Should().Be(24 + "made.txt".Length);
        Memory.Read<long>(300).Should().Be(1, "d_next is the cookie of the next entry");
        Memory.Read<byte>(320).Should().Be(4, "a regular file");
        Encoding.UTF8.GetString(Memory.GetSpan(324, 8)).Should().Be("made.txt");
    }

    [Fact]
    public void Descriptors_answer_with_the_witx_errnos()
    {
        Call("fd_prestat_get", 3, 200).Should().Be(WasiErrno.Success);
        Memory.Read<int>(204).Should().Be("/sandbox".Length);
        Call("fd_prestat_get", 4, 200).Should().Be(WasiErrno.BadF, "libc finds the preopens by walking until EBADF");
        Call("fd_seek", 1, 0L, 0, 200).Should().Be(WasiErrno.SPipe);
        Call("fd_seek", 3, 0L, 7, 200).Should().Be(WasiErrno.NotCapable, "a directory cannot seek");
        Call("sock_accept", 3, 0, 200).Should().Be(WasiErrno.NotSup);
        Call("proc_raise", 9).Should().Be(WasiErrno.NoSys);
    }

    [Fact]
    public void Arguments_and_environment_are_exactly_the_options()
    {
        Call("args_sizes_get", 200, 204).Should().Be(WasiErrno.Success);
        (Memory.Read<int>(200), Memory.Read<int>(204)).Should().Be((2, "prog".Length + 1 + 2 + 1));
        Call("environ_get", 400, 500).Should().Be(WasiErrno.Success);
        Encoding.UTF8.GetString(Memory.GetSpan(500, 10)).Should().Be("A=1\0B=two\0");
        Memory.Read<int>(404).Should().Be(504);
    }

    [Fact]
    public void Imports_with_a_wrong_type_or_an_unknown_name_do_not_link()
    {
        using var wasi = new WasiContext(new WasiOptions());
        WasmModule wrongType = WasmModule.Decode(Wat.Assemble("""(module (import "wasi_snapshot_preview1" "fd_write" (func (param i32) (result i32))))"""));
        WasmModule unknown = WasmModule.Decode(Wat.Assemble("""(module (import "wasi_snapshot_preview1" "fd_teleport" (func (result i32))))"""));

        FluentActions.Invoking(() => wasi.Define(new WasmImports(), wrongType, () => Memory))
            .Should().Throw<WasmLinkException>().WithMessage("*fd_write is imported with type*");
        FluentActions.Invoking(() => wasi.Define(new WasmImports(), unknown, () => Memory))
            .Should().Throw<WasmLinkException>().WithMessage("*fd_teleport is not a WASI preview 1 function*");
    }

    [Fact]
    public void A_preopen_must_exist()
    {
        FluentActions.Invoking(() => new WasiContext(new WasiOptions { Preopens = [new WasiPreopen("/x", Path.Combine(_sandbox, "missing"))] }))
            .Should().Throw<DirectoryNotFoundException>();
    }

    private WasiErrno Call(string name, params object[] arguments)
    {
        WasmValue[] values = [.. arguments.Select(a => a is long l ? WasmValue.FromI64(l) : WasmValue.FromI32((int)a))];
        return (WasiErrno)_instance.GetFunction(name).Invoke(values)[0].I32;
    }

    /// <summary>Writes <paramref name="text"/> at offset 1024 of guest memory and returns the offset.</summary>
    private int Put(string text)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(text);
        bytes.CopyTo(Memory.GetSpan(1024, bytes.Length));
        return 1024;
    }
}
