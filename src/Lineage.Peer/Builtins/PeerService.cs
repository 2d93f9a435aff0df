// SPDX-License-Identifier: Apache-2.0

using System.Text.Json.Nodes;

namespace Lineage.Peer.Builtins;

/// <summary><c>Peer("peer")</c>: identify, timestamps, timeout, connectivity (fluence-peer.md §9.2).</summary>
public sealed class PeerService(INodeView node, TimeProvider? time = null, string nodeVersion = "lineage", IReadOnlyList<string>? allowedBinaries = null) : IBuiltinService
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    public string ServiceId => "peer";

    public async ValueTask<JsonNode?> CallAsync(BuiltinCall request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        switch (request.FunctionName)
        {
            case "identify":
                return new JsonObject
                {
                    ["external_addresses"] = new JsonArray([.. node.ExternalAddresses.Select(a => (JsonNode)JsonValue.Create(a))]),
                    ["node_version"] = nodeVersion,
                    ["air_version"] = "0.62.0",
                    ["spell_version"] = string.Empty,
                    ["allowed_binaries"] = new JsonArray([.. (allowedBinaries ?? []).Select(a => (JsonNode)JsonValue.Create(a))]),
                };
            case "timestamp_ms":
                return JsonValue.Create(_time.GetUtcNow().ToUnixTimeMilliseconds());
            case "timestamp_sec":
                return JsonValue.Create(_time.GetUtcNow().ToUnixTimeSeconds());
            case "timeout":
                long duration = request.Whole(0);
                string message = request.Text(1);
                ulong deadline = request.Context.Particle.Deadline ?? 0;
                long left = (long)deadline - _time.GetUtcNow().ToUnixTimeMilliseconds();
                // Never sleep past the particle's own deadline: its result could not be used anyway.
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Clamp(Math.Min(duration, left), 0, int.MaxValue)), _time, cancellationToken).ConfigureAwait(false);
                return JsonValue.Create(message);
            case "is_connected":
                return JsonValue.Create(node.IsConnected(request.Text(0)));
            case "connect":
                EnsureHostOrManager(request);
                var addresses = request.Count > 1 && request.Arguments[1] is JsonArray list
                    ? list.Select(a => a?.GetValue<string>() ?? string.Empty).ToList()
                    : [];
                return JsonValue.Create(await node.ConnectAsync(request.Text(0), addresses, cancellationToken).ConfigureAwait(false));
            case "get_contact":
                string peer = request.Text(0);
                IReadOnlyList<string>? known = node.GetAddresses(peer);
                return known is null
                    ? new JsonArray()
                    : new JsonArray(new JsonObject { ["peer_id"] = peer, ["addresses"] = new JsonArray([.. known.Select(a => (JsonNode)JsonValue.Create(a))]) });
            default:
                throw new UnknownFunctionException(ServiceId, request.FunctionName);
        }
    }

    private static void EnsureHostOrManager(BuiltinCall request)
    {
        // nox guard_protected: only the host (or its management peer) may dial on its behalf.
        if (request.Context.InitPeerId != request.Context.HostPeerId)
        {
            throw new BuiltinException($"peer.connect is allowed only for the host, not for {request.Context.InitPeerId}");
        }
    }
}
