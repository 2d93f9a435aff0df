// SPDX-License-Identifier: Apache-2.0

using System.Diagnostics;
using System.Text.Json.Nodes;
using Lineage.TestKit;

namespace Lineage.Peer.Tests.Interop;

/// <summary>
/// A long-lived node process from tests/harness/fluence-js speaking one JSON line per request and answer.
/// The harness folder is installed by scripts/setup.sh (npm ci with the committed lock file).
/// </summary>
internal sealed class NodeTool : IDisposable
{
    private readonly Process _process;
    private readonly SemaphoreSlim _gate = new(1, 1);

    public NodeTool(string script, params string[] arguments)
    {
        string harness = RepositoryPaths.Harness("fluence-js");
        if (!Directory.Exists(Path.Combine(harness, "node_modules")))
        {
            throw new InvalidOperationException("tests/harness/fluence-js/node_modules is missing: run scripts/setup.sh");
        }

        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = harness,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(script);
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginErrorReadLine();
    }

    public static string HarnessDirectory => RepositoryPaths.Harness("fluence-js");

    public async Task<JsonObject> RequestAsync(JsonObject request, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await _process.StandardInput.WriteLineAsync(request.ToJsonString().AsMemory(), cancellationToken);
            await _process.StandardInput.FlushAsync(cancellationToken);
            string? line = await _process.StandardOutput.ReadLineAsync(cancellationToken).AsTask()
                .WaitAsync(TimeSpan.FromSeconds(60), cancellationToken);
            return (JsonNode.Parse(line ?? throw new InvalidOperationException("node tool exited")) as JsonObject)!;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose()
    {
        try
        {
            _process.StandardInput.Close();
            if (!_process.WaitForExit(5000))
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
        }

        _process.Dispose();
        _gate.Dispose();
    }
}
