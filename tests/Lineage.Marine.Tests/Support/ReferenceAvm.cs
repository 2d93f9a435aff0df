// SPDX-License-Identifier: Apache-2.0

using System.Diagnostics;
using System.Text.Json.Nodes;
using Lineage.Marine.AquaVm;

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
        LoadCpuMilliseconds = ready["load_cpu_ms"]!.GetValue<double>();
    }

    public double LoadMilliseconds { get; }

    /// <summary>node's process CPU time (user + system) spent loading marine-js and avm.wasm.</summary>
    public double LoadCpuMilliseconds { get; }

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

    public AquaVmOutcome Invoke(string air, byte[] prevData, byte[] data, AquaVmRunParameters p, byte[] callResults)
    {
        JsonNode r = Request(new JsonObject
        {
            ["op"] = "invoke",
            ["air"] = air,
            ["prev_data"] = Convert.ToBase64String(prevData),
            ["data"] = Convert.ToBase64String(data),
            ["call_results"] = Convert.ToBase64String(callResults),
            ["params"] = new JsonObject
            {
                ["init_peer_id"] = p.InitPeerId, ["current_peer_id"] = p.CurrentPeerId, ["timestamp"] = p.Timestamp,
                ["ttl"] = p.Ttl, ["key_format"] = p.KeyFormat, ["secret_key_bytes"] = Convert.ToBase64String(p.SecretKeyBytes.ToArray()),
                ["particle_id"] = p.ParticleId, ["air_size_limit"] = p.AirSizeLimit, ["particle_size_limit"] = p.ParticleSizeLimit,
                ["call_result_size_limit"] = p.CallResultSizeLimit, ["hard_limit_enabled"] = p.HardLimitEnabled,
            },
        })["result"]!;
        byte[] requests = Convert.FromBase64String(r["call_requests"]!.GetValue<string>());
        return new AquaVmOutcome(
            r["ret_code"]!.GetValue<long>(),
            r["error_message"]!.GetValue<string>(),
            Convert.FromBase64String(r["data"]!.GetValue<string>()),
            [.. r["next_peer_pks"]!.AsArray().Select(n => n!.GetValue<string>())],
            AquaVmCodec.DecodeCallRequests(requests),
            requests,
            r["air_size_limit_exceeded"]!.GetValue<bool>(),
            r["particle_size_limit_exceeded"]!.GetValue<bool>(),
            r["call_result_size_limit_exceeded"]!.GetValue<bool>());
    }

    /// <summary>marine-js's mean wall and process CPU time per invoke of <paramref name="request"/> (after 3 warm-up runs).</summary>
    public (double Milliseconds, double CpuMilliseconds) BenchmarkInvoke(JsonObject request, int iterations)
    {
        JsonNode response = Request(new JsonObject { ["op"] = "bench", ["request"] = request, ["iterations"] = iterations });
        return (response["ms_per_invoke"]!.GetValue<double>(), response["cpu_ms_per_invoke"]!.GetValue<double>());
    }

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
