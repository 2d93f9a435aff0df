// SPDX-License-Identifier: Apache-2.0

using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Lineage.Peer.Actors;
using Lineage.Peer.AquaVm;
using Lineage.Peer.Particles;

namespace Lineage.Peer.Tests.Actors;

/// <summary>The client side of compiled Aqua, served the way js-client serves it.</summary>
internal sealed class ClientPeer(string relayPeerId) : IServiceCallDispatcher
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource<JsonArray>> _responses = new();
    private readonly ConcurrentDictionary<string, JsonObject> _arguments = new();

    public PeerScopeIdentity Identity { get; set; } = null!;

    public ParticleProcessor Processor { get; set; } = null!;

    public int Responses { get; private set; }

    /// <summary>Signs and starts a particle like <c>callAquaFunction</c>; the task completes with callbackSrv.response's arguments.</summary>
    public Task<JsonArray> CallAsync(string script, JsonObject? arguments, ulong timestamp, uint ttl = 60_000)
    {
        string id = Guid.NewGuid().ToString();
        var tcs = new TaskCompletionSource<JsonArray>(TaskCreationOptions.RunContinuationsAsynchronously);
        _responses[id] = tcs;
        _arguments[id] = arguments ?? [];
        Particle particle = ParticleSignature.CreateSigned(Identity.Key, id, timestamp, ttl, script);
        ParticleVerdict verdict = Processor.Ingest(particle, "self");
        if (verdict != ParticleVerdict.Accepted)
        {
            tcs.SetException(new InvalidOperationException($"own particle rejected: {verdict}"));
        }

        return tcs.Task;
    }

    public ValueTask<CallResult> CallAsync(ParticleCallContext context, CallRequest request, CancellationToken cancellationToken)
    {
        switch (request.ServiceId, request.FunctionName)
        {
            case ("getDataSrv", "-relay-"):
                return ValueTask.FromResult(CallResult.Ok(JsonValue.Create(relayPeerId)));
            case ("getDataSrv", var name) when _arguments.TryGetValue(context.ParticleId, out JsonObject? args) && args.ContainsKey(name):
                return ValueTask.FromResult(CallResult.Ok(args[name]?.DeepClone()));
            case ("callbackSrv", "response"):
                Responses++;
                _responses.GetValueOrDefault(context.ParticleId)?.TrySetResult((JsonArray)request.Arguments.DeepClone());
                return ValueTask.FromResult(CallResult.Empty);
            case ("errorHandlingSrv", "error"):
                _responses.GetValueOrDefault(context.ParticleId)?.TrySetException(new InvalidOperationException(request.Arguments[0]?.ToJsonString()));
                return ValueTask.FromResult(CallResult.Empty);
            default:
                return ValueTask.FromResult(CallResult.Error($"Service with id '{request.ServiceId}' not found (function {request.FunctionName})"));
        }
    }
}
