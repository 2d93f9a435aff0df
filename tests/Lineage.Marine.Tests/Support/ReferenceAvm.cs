// SPDX-License-Identifier: Apache-2.0

using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Lineage.Marine.Tests.Support;

/// <summary>
/// The reference host: avm.wasm inside marine-js under node (tests/harness/marine-js/avm.mjs), one JSON request
/// per line. The process is started once and killed on dispose; every read is bounded.
/// </summary>
internal sealed class ReferenceAvm : IDisposable
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);
    private readonly Process _process;

    public ReferenceAvm()
    {
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = MarineHarness.Folder,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("avm.mjs");
        _process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginErrorReadLine();
        JsonNode ready = ReadLine();
        LoadMilliseconds = ready["load_ms"]!.GetValue<double>();
    }

    public double LoadMilliseconds { get; }

    public JsonNode Request(JsonObject request)
    {
        _process.StandardInput.WriteLine(request.ToJsonString());
        _process.StandardInput.Flush();
        JsonNode response = ReadLine();
        if (!response["ok"]!.GetValue<bool>())
        {
            throw new InvalidOperationException("reference avm failed: " + response["error"]);
        }

        return response;
    }

    public string Ast(string air) => Request(new JsonObject { ["op"] = "ast", ["air"] = air })["result"]!.GetValue<string>();

    public string Human(byte[] data) =>
        Request(new JsonObject { ["op"] = "human", ["data"] = Convert.ToBase64String(data) })["result"]!.GetValue<string>();

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }
        }
        finally
        {
            _process.Dispose();
        }
    }

    private JsonNode ReadLine()
    {
        Task<string?> line = _process.StandardOutput.ReadLineAsync();
        if (!line.Wait(s_timeout))
        {
            throw new TimeoutException("reference avm did not answer within a minute");
        }

        return JsonNode.Parse(line.Result ?? throw new InvalidOperationException("reference avm exited"))!;
    }
}
