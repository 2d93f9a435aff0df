// SPDX-License-Identifier: Apache-2.0

using System.Diagnostics;

namespace Lineage.Cli.Tests.Support;

/// <summary>Runs the built <c>lineage</c> CLI as a child process (as a user would) and captures its output.</summary>
public static class CliRunner
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    public static async Task<Result> RunAsync(params string[] args)
    {
        string dll = Path.Combine(AppContext.BaseDirectory, "lineage.dll");
        var start = new ProcessStartInfo("dotnet", [dll, .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.Environment.Remove("LINEAGE_NODE");
        using Process process = Process.Start(start)!;
        process.StandardInput.Close();
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"lineage {string.Join(' ', args)} did not finish in 60 s");
        }

        return new Result(process.ExitCode, await stdout, await stderr);
    }
}
