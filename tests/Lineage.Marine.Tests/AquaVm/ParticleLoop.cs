// SPDX-License-Identifier: Apache-2.0

using System.Text.Json.Nodes;
using Lineage.Marine.AquaVm;

namespace Lineage.Marine.Tests.AquaVm;

/// <summary>
/// Plays one particle through AquaVM the way nox and js-client do: per-peer prev_data, a FIFO of (peer, incoming
/// data, call results), next peers receive the new data, call requests are served by a deterministic stub and
/// fed back with empty data. The invoke delegate is the host under test; every step's outcome is recorded.
/// </summary>
internal sealed class ParticleLoop(string air, Func<string, string, byte[], byte[], byte[], AquaVmOutcome> invoke)
{
    public const string Client = "12D3KooWPqT2nMDSiXUSx5D7fasaxhxKigVhcqfkKqrLghCq9jxz";
    public const string Relay = "12D3KooWLdJAwPtyQ5RFnr9wGXsQzpf3P2SeqFbYkqbfVehLu4Ns";

    private readonly Dictionary<string, byte[]> _prevData = [];
    private readonly Queue<(string Peer, byte[] Data, byte[] CallResults)> _queue = new();

    public List<(string Peer, AquaVmOutcome Outcome)> Steps { get; } = [];

    /// <summary>Secret key (32-byte seed) of a test peer: 0x11 × 32 for the client, 0x22 × 32 for the relay.</summary>
    public static byte[] SecretKey(string peer) => Enumerable.Repeat(peer == Client ? (byte)0x11 : (byte)0x22, 32).ToArray();

    public static AquaVmRunParameters Parameters(string peer) => new()
    {
        InitPeerId = Client,
        CurrentPeerId = peer,
        Timestamp = 1_700_000_000_000,
        Ttl = 60_000,
        KeyFormat = 0,
        SecretKeyBytes = SecretKey(peer),
        ParticleId = "11111111-2222-3333-4444-555555555555",
        AirSizeLimit = 4UL << 30,
        ParticleSizeLimit = 4UL << 30,
        CallResultSizeLimit = 4UL << 30,
        HardLimitEnabled = false,
    };

    /// <summary>Runs until nothing is queued (at most <paramref name="maxSteps"/> invocations).</summary>
    public void Run(int maxSteps = 50)
    {
        _queue.Enqueue((Client, [], AquaVmCodec.EncodeCallResults(new Dictionary<uint, AquaVmCallResult>())));
        while (_queue.TryDequeue(out var item))
        {
            if (Steps.Count >= maxSteps)
            {
                throw new InvalidOperationException($"particle still running after {maxSteps} invocations");
            }

            byte[] prev = _prevData.GetValueOrDefault(item.Peer, []);
            AquaVmOutcome outcome = invoke(air, item.Peer, prev, item.Data, item.CallResults);
            Steps.Add((item.Peer, outcome));
            if (outcome.Data.Length > 0)
            {
                _prevData[item.Peer] = outcome.Data;
            }

            foreach (string next in outcome.NextPeerPks)
            {
                _queue.Enqueue((next, outcome.Data, AquaVmCodec.EncodeCallResults(new Dictionary<uint, AquaVmCallResult>())));
            }

            if (outcome.CallRequests.Count > 0)
            {
                var results = outcome.CallRequests.ToDictionary(r => r.Key, r => Serve(item.Peer, r.Value));
                _queue.Enqueue((item.Peer, [], AquaVmCodec.EncodeCallResults(results)));
            }
        }
    }

    /// <summary>The services both hosts see: same inputs give the same results.</summary>
    private static AquaVmCallResult Serve(string peer, AquaVmCallRequest request) => (request.ServiceId, request.FunctionName) switch
    {
        ("getDataSrv", "-relay-") => AquaVmCallResult.Ok(JsonValue.Create(Relay).ToJsonString()),
        ("getDataSrv", "names") => AquaVmCallResult.Ok("""["alice","bob","carol"]"""),
        ("peer", "timestamp_ms") => AquaVmCallResult.Ok("1700000000123"),
        ("greeter", "greet") => AquaVmCallResult.Ok(JsonValue.Create($"Hello, {request.Arguments[0]!.GetValue<string>()}!").ToJsonString()),
        ("greeter", "fail") => new AquaVmCallResult(1, JsonValue.Create(request.Arguments[0]!.GetValue<string>()).ToJsonString()),
        ("op", "array_length") => AquaVmCallResult.Ok(((JsonArray)request.Arguments[0]!).Count.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ("op", "noop") or ("callbackSrv", "response") or ("errorHandlingSrv", "error") => AquaVmCallResult.Ok("{}"),
        _ => new AquaVmCallResult(1, JsonValue.Create($"no service {request.ServiceId}.{request.FunctionName} on {peer}").ToJsonString()),
    };
}
