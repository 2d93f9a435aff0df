// SPDX-License-Identifier: Apache-2.0

using System.Text.Json.Nodes;
using Lineage.Peer.AquaVm;
using Lineage.Peer.Tests.Interop;

namespace Lineage.Peer.Tests.AquaVm;

/// <summary>
/// The official avm.wasm 0.62.0 under marine-js (tests/harness/fluence-js/avm-server.mjs) behind
/// <see cref="IAquaVm"/>: the real interpreter, out of process, until our own Marine host runs avm.wasm. The raw
/// call_results/call_requests bytes cross unchanged, so our codecs meet AquaVM itself.
/// </summary>
internal sealed class NodeAquaVm : IAquaVm, IDisposable
{
    private readonly NodeTool _tool = new("avm-server.mjs");
    private int _invocations;

    public int Invocations => Volatile.Read(ref _invocations);

    public async ValueTask<InterpreterOutcome> InvokeAsync(string air, ReadOnlyMemory<byte> prevData, ReadOnlyMemory<byte> data, RunParameters parameters, ReadOnlyMemory<byte> callResults, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _invocations);
        JsonObject answer = await _tool.RequestAsync(new JsonObject
        {
            ["op"] = "invoke",
            ["air"] = air,
            ["prev_data"] = Convert.ToBase64String(prevData.Span),
            ["data"] = Convert.ToBase64String(data.Span),
            ["call_results"] = Convert.ToBase64String(callResults.Span),
            ["params"] = new JsonObject
            {
                ["init_peer_id"] = parameters.InitPeerId,
                ["current_peer_id"] = parameters.CurrentPeerId,
                ["timestamp"] = parameters.Timestamp,
                ["ttl"] = parameters.Ttl,
                ["key_format"] = parameters.KeyFormat,
                ["secret_key_bytes"] = Convert.ToBase64String(parameters.SecretKeyBytes.Span),
                ["particle_id"] = parameters.ParticleId,
                ["air_size_limit"] = parameters.AirSizeLimit,
                ["particle_size_limit"] = parameters.ParticleSizeLimit,
                ["call_result_size_limit"] = parameters.CallResultSizeLimit,
                ["hard_limit_enabled"] = parameters.HardLimitEnabled,
            },
        }, cancellationToken);
        if (answer["ok"]?.GetValue<bool>() != true)
        {
            throw new InvalidOperationException($"avm-server: {answer["error"]}");
        }

        return new InterpreterOutcome(
            answer["ret_code"]!.GetValue<long>(),
            answer["error_message"]!.GetValue<string>(),
            Convert.FromBase64String(answer["data"]!.GetValue<string>()),
            [.. answer["next_peer_pks"]!.AsArray().Select(p => p!.GetValue<string>())],
            Convert.FromBase64String(answer["call_requests"]!.GetValue<string>()),
            answer["air_size_limit_exceeded"]!.GetValue<bool>(),
            answer["particle_size_limit_exceeded"]!.GetValue<bool>(),
            answer["call_result_size_limit_exceeded"]!.GetValue<bool>());
    }

    public async Task<JsonNode?> HumanReadableAsync(ReadOnlyMemory<byte> data) =>
        (await _tool.RequestAsync(new JsonObject { ["op"] = "human", ["data"] = Convert.ToBase64String(data.Span) }))["human"];

    public void Dispose() => _tool.Dispose();
}
