// SPDX-License-Identifier: Apache-2.0

using System.Diagnostics;
using Lineage.TestKit;

namespace Lineage.Cli.Tests.Wasm;

/// <summary>
/// Runs a module the two ways the tests compare: <c>lineage wasm run</c> (the built CLI as a child process) and
/// node's <c>node:wasi</c> through tests/harness/wasi-node/run.mjs, which takes the same options. Output is kept
/// as bytes.
/// </summary>
internal static class WasiRunner
{
    public sealed record Result(int ExitCode, byte[] Stdout, byte[] Stderr)
    {
        public string StdoutText => System.Text.Encoding.UTF8.GetString(Stdout);

        public string StderrText => System.Text.Encoding.UTF8.GetString(Stderr);
    }

    /// <summary><c>lineage wasm run ARGS…</c>.</summary>
    public static Task<Result> LineageAsync(string[] arguments, byte[]? stdin = null) =>
        RunAsync("dotnet", [Path.Combine(AppContext.BaseDirectory, "lineage.dll"), "wasm", "run", .. arguments], stdin);

    /// <summary>The same module and options under node:wasi.</summary>
    public static Task<Result> NodeAsync(string[] arguments, byte[]? stdin = null) =>
        RunAsync("node", ["--no-warnings", Path.Combine(RepositoryPaths.Harness("wasi-node"), "run.mjs"), .. arguments], stdin);

    private static async Task<Result> RunAsync(string program, string[] arguments, byte[]? stdin)
    {
        var start = new ProcessStartInfo(program, arguments)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using Process process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        Task<byte[]> stdout = ReadAllAsync(process.StandardOutput.BaseStream, timeout.Token);
        Task<byte[]> stderr = ReadAllAsync(process.StandardError.BaseStream, timeout.Token);
        try
        {
            if (stdin is not null)
            {
                await process.StandardInput.BaseStream.WriteAsync(stdin, timeout.Token);
            }

            process.StandardInput.Close();
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', arguments)} did not finish in 120 s");
        }

        return new Result(process.ExitCode, await stdout, await stderr);
    }

    private static async Task<byte[]> ReadAllAsync(Stream stream, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, cancellationToken);
        return buffer.ToArray();
    }
}
