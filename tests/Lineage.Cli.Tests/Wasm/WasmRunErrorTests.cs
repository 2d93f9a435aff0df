// SPDX-License-Identifier: Apache-2.0

namespace Lineage.Cli.Tests.Wasm;

/// <summary>
/// <c>lineage wasm run</c> reports whatever stops a module as one line on stderr with a distinct exit code, and
/// <c>--invoke</c> calls an export with typed arguments and prints its results.
/// </summary>
public sealed class WasmRunErrorTests
{
    private const string Functions = """
        (module
          (func (export "add") (param i32 i32) (result i32) local.get 0 local.get 1 i32.add)
          (func (export "div") (param i32 i32) (result i32) local.get 0 local.get 1 i32.div_s)
          (func (export "mix") (param i64 f32 f64) (result i64 f32 f64) local.get 0 local.get 1 local.get 2)
          (func (export "spin") (loop br 0))
          (func $deep (export "deep") (result i32) call $deep))
        """;

    [Fact]
    public async Task Invoke_parses_arguments_by_type_and_prints_each_result()
    {
        string module = WasiPrograms.Wat("functions", Functions);

        WasiRunner.Result add = await WasiRunner.LineageAsync([module, "--invoke", "add", "40", "2"]);
        WasiRunner.Result wrap = await WasiRunner.LineageAsync([module, "--invoke", "add", "-1", "4294967295"]);
        WasiRunner.Result mix = await WasiRunner.LineageAsync([module, "--invoke", "mix", "--", "-9007199254740993", "0.1", "-inf"]);

        WasiRunner.Result text = await WasiRunner.LineageAsync([WasiPrograms.WatFile("functions", Functions), "--invoke", "add", "40", "2"]);

        (add.ExitCode, add.StdoutText, add.StderrText).Should().Be((0, "42\n", ""));
        (text.ExitCode, text.StdoutText, text.StderrText).Should().Be((0, "42\n", ""), "a .wat file is assembled first");
        wrap.StdoutText.Should().Be("-2\n");
        mix.StdoutText.Should().Be("-9007199254740993\n0.1\n-inf\n");
    }

    public static TheoryData<string, string[], int, string> Failures => new()
    {
        { "trap", ["@functions", "--invoke", "div", "1", "0"], 134, "error: trap: integer divide by zero" },
        { "stack exhaustion", ["@functions", "--invoke", "deep"], 134, "error: trap: call stack exhausted" },
        { "fuel", ["@functions", "--invoke", "spin", "--fuel", "100000"], 124, "error: the module ran out of fuel (--fuel 100000)" },
        { "timeout", ["@functions", "--invoke", "spin", "--timeout", "0.5"], 124, "error: the module exceeded its time limit (--timeout 0.5 s)" },
        { "no _start", ["@functions"], 1, "error: the module exports no _start function" },
        { "unknown export", ["@functions", "--invoke", "nope"], 1, "error: the module exports no function 'nope'" },
        { "argument count", ["@functions", "--invoke", "add", "1"], 1, "error: 'add' has type [i32 i32] -> [i32]: expected 2 argument(s), got 1" },
        { "argument type", ["@functions", "--invoke", "add", "1", "two"], 1, "error: argument 2 'two' is not a valid i32" },
        { "not a module", ["@garbage"], 1, "error: invalid module: malformed: magic header not detected" },
        { "invalid module", ["@invalid"], 1, "error: invalid module: type mismatch (function 0" },
        { "malformed text", ["@badtext"], 1, "error: invalid module: malformed text: unknown operator (at 1:" },
        { "missing import", ["@importer"], 1, "error: cannot link the module:" },
        { "missing file", ["no-such-file.wasm"], 1, "error: cannot read 'no-such-file.wasm':" },
        { "bad --dir", ["@functions", "--dir", "no-such-directory::/x"], 1, "error: --dir 'no-such-directory::/x': 'no-such-directory' is not a directory" },
        { "bad --env", ["@functions", "--env", "NOEQUALS"], 1, "error: --env 'NOEQUALS' is not K=V" },
        { "C abort() in _start", ["@trap", "--", "abort"], 134, "error: trap: unreachable" },
        { "C loop under --fuel", ["@trap", "--fuel", "5000000", "--", "spin"], 124, "error: the module ran out of fuel (--fuel 5000000)" },
        { "C loop under --timeout", ["@trap", "--timeout", "1", "--", "spin"], 124, "error: the module exceeded its time limit (--timeout 1 s)" },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public async Task Failures_are_one_line_on_stderr_with_an_exit_code(string description, string[] arguments, int exitCode, string message)
    {
        WasiRunner.Result result = await WasiRunner.LineageAsync([.. arguments.Select(Resolve)]);

        result.ExitCode.Should().Be(exitCode, description);
        result.StderrText.Should().StartWith(message, description).And.EndWith("\n");
        result.StderrText.Count(c => c == '\n').Should().Be(1, $"{description}: {result.StderrText}");
        if (arguments[0] == "@trap" && !arguments.Contains("--timeout"))
        {
            // (Under --timeout a loaded machine may use up the second before the first line is printed.)
            result.StdoutText.Should().Be("started\n", "output written before the failure is kept");
        }
    }

    [Fact]
    public async Task Help_describes_the_options_and_exit_codes()
    {
        WasiRunner.Result help = await WasiRunner.LineageAsync(["--help"]);

        help.ExitCode.Should().Be(0);
        help.StdoutText.Should().Contain("--invoke").And.Contain("--dir").And.Contain("--env").And.Contain("--fuel")
            .And.Contain("--timeout").And.Contain("134 the module trapped");
    }

    private static string Resolve(string argument) => argument switch
    {
        "@functions" => WasiPrograms.Wat("functions", Functions),
        "@invalid" => WasiPrograms.Wat("invalid", "(module (func (result i32) i64.const 1))"),
        "@importer" => WasiPrograms.Wat("importer", """(module (import "env" "missing" (func)) (func (export "_start") call 0))"""),
        "@garbage" => Garbage(),
        "@badtext" => WasiPrograms.WatFile("badtext", "(module (func (export \"f\") (result i32) i32.const 1 i32.bogus))"),
        "@trap" => WasiPrograms.C("trap"),
        _ => argument,
    };

    private static string Garbage()
    {
        string path = Path.Combine(Path.GetTempPath(), "lineage-wasi-test-programs", "garbage.wasm");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "this is not WebAssembly");
        return path;
    }
}
