// SPDX-License-Identifier: Apache-2.0

namespace Lineage.Cli.Tests.Wasm;

/// <summary>
/// C programs built with clang + wasi-libc behave exactly as under node:wasi when run by <c>lineage wasm run</c>:
/// same stdout and stderr bytes, same exit code, same files left in the mapped directory.
/// </summary>
public sealed class WasiDifferentialTests
{
    public static TheoryData<string, string[], string?> StdioCases => new()
    {
        { "arguments, environment and formatting", ["--env", "GREETING=hi", "--env", "EMPTY=", "--env", "UNICODE=h\u00e9", "--", "one", "two words", "", "--", "-x", "\u00fcml\u00e4ut"], null },
        { "stdin is the process's input", ["--", "--stdin"], "line one\nline two\n\u00e9\u00e8\n" + new string('z', 100_000) },
        { "return from main", ["--", "--return", "7"], null },
        { "exit with a code", ["--", "--exit", "42"], null },
        { "exit codes wrap at 256", ["--", "--exit", "300"], null },
    };

    [Theory]
    [MemberData(nameof(StdioCases))]
    public async Task Stdio_program_matches_node(string description, string[] options, string? stdin)
    {
        string module = WasiPrograms.C("stdio");
        byte[]? input = stdin is null ? null : System.Text.Encoding.UTF8.GetBytes(stdin);

        WasiRunner.Result node = await WasiRunner.NodeAsync([module, .. options], input);
        WasiRunner.Result ours = await WasiRunner.LineageAsync([module, .. options], input);

        ours.StdoutText.Should().Be(node.StdoutText, description);
        ours.Stdout.Should().Equal(node.Stdout, description);
        ours.Stderr.Should().Equal(node.Stderr, description);
        ours.ExitCode.Should().Be(node.ExitCode, description);
        ours.StdoutText.Should().Contain("atexit handler ran").And.Contain("bulk 1999");
        ours.StderrText.Should().Be("to stderr: 123\nraw stderr\n");
    }

    [Fact]
    public async Task Exit_codes_are_the_modules()
    {
        string module = WasiPrograms.C("stdio");

        (await WasiRunner.LineageAsync([module, "--", "--return", "7"])).ExitCode.Should().Be(7);
        (await WasiRunner.LineageAsync([module, "--", "--exit", "42"])).ExitCode.Should().Be(42);
        (await WasiRunner.LineageAsync([module])).ExitCode.Should().Be(0);
        (await WasiRunner.LineageAsync([WasiPrograms.C("trap"), "--", "exit", "3"])).ExitCode.Should().Be(3);
    }

    [Fact]
    public async Task File_program_leaves_the_same_files_and_output_as_node()
    {
        string module = WasiPrograms.C("files");
        using var nodeDirectory = new SandboxDirectory();
        using var ourDirectory = new SandboxDirectory();

        WasiRunner.Result node = await WasiRunner.NodeAsync([module, "--dir", nodeDirectory.Path + "::/sandbox"]);
        WasiRunner.Result ours = await WasiRunner.LineageAsync([module, "--dir", ourDirectory.Path + "::/sandbox"]);

        ours.StdoutText.Should().Be(node.StdoutText);
        ours.StderrText.Should().Be(node.StderrText);
        ours.ExitCode.Should().Be(node.ExitCode).And.Be(0);
        ourDirectory.Snapshot().Should().Equal(nodeDirectory.Snapshot());

        // Both agreeing is not enough: the program must actually have done its work.
        ours.StdoutText.Should().Contain("input: second\n")
            .And.Contain("pread 16 at 0: 16 '0123456789XYcdef'")
            .And.Contain("read back: 14 '0123456789XY++'")
            .And.Contain("rename dir: ok")
            .And.Contain("ls /sandbox/out: moved/ raw.bin replaced.txt")
            .And.Contain("rmdir not empty: error 55 Directory not empty")
            .And.Contain("many: 60 entries");
        File.ReadAllText(Path.Combine(ourDirectory.Path, "out", "replaced.txt")).Should().Be("keep\n");
        File.ReadAllText(Path.Combine(ourDirectory.Path, "out", "moved", "inner.txt")).Should().Be("inner\n");
    }

    [Fact]
    public async Task Clock_and_random_program_matches_node()
    {
        string module = WasiPrograms.C("clocks");

        WasiRunner.Result node = await WasiRunner.NodeAsync([module]);
        WasiRunner.Result ours = await WasiRunner.LineageAsync([module]);

        ours.StdoutText.Should().Be(node.StdoutText);
        ours.ExitCode.Should().Be(node.ExitCode).And.Be(0);
        ours.StdoutText.Should().NotContain(": no").And.Contain("nanosleep 30 ms: 0, elapsed >= 30 ms: yes");
    }

    /// <summary>A fresh mapped directory holding input.txt and sub/inner.txt.</summary>
    private sealed class SandboxDirectory : IDisposable
    {
        public SandboxDirectory()
        {
            Path = Directory.CreateTempSubdirectory("lineage-wasi-").FullName;
            File.WriteAllText(System.IO.Path.Combine(Path, "input.txt"), "first\nsecond\n");
            Directory.CreateDirectory(System.IO.Path.Combine(Path, "sub"));
            File.WriteAllText(System.IO.Path.Combine(Path, "sub", "inner.txt"), "inner\n");
        }

        public string Path { get; }

        /// <summary>Every entry under the directory: relative path and content (files) or "/" (directories).</summary>
        public List<string> Snapshot() =>
        [
            .. Directory.EnumerateFileSystemEntries(Path, "*", SearchOption.AllDirectories)
                .Select(e => System.IO.Path.GetRelativePath(Path, e) + " => " + (Directory.Exists(e) ? "/" : File.ReadAllText(e)))
                .Order(StringComparer.Ordinal),
        ];

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
