// SPDX-License-Identifier: Apache-2.0

using System.Diagnostics;

namespace Lineage.Cli.Tests.Support;

/// <summary>
/// <c>lineage node</c> as a child process on a free port: waits (bounded) for the readiness line and can be killed
/// with SIGKILL, like an operator's kill -9. Always killed on dispose.
/// </summary>
public sealed class NodeProcess : IDisposable
{
    private readonly Process _process;

    private NodeProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public Uri Address { get; }

    public static async Task<NodeProcess> StartAsync(string dataDirectory)
    {
        string dll = Path.Combine(AppContext.BaseDirectory, "lineage.dll");
        var start = new ProcessStartInfo("dotnet", [dll, "node", "--data-dir", dataDirectory, "--http", "127.0.0.1:0", "--log-level", "Warning"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        Process process = Process.Start(start)!;
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
            while (true)
            {
                string? line = await process.StandardOutput.ReadLineAsync(timeout.Token);
                if (line is null)
                {
                    throw new InvalidOperationException("lineage node exited before it was ready");
                }

                if (line.StartsWith("listening http=", StringComparison.Ordinal))
                {
                    string http = line["listening http=".Length..].Split(' ')[0];
                    return new NodeProcess(process, new Uri(http));
                }
            }
        }
        catch
        {
            process.Kill(entireProcessTree: true);
            process.Dispose();
            throw;
        }
    }

    /// <summary>SIGKILL: no shutdown hook, no flush, no graceful stop.</summary>
    public void KillHard()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
    }

    public void Dispose()
    {
        try
        {
            KillHard();
        }
        catch (InvalidOperationException)
        {
            // not started or already reaped
        }

        _process.Dispose();
    }
}
