// SPDX-License-Identifier: Apache-2.0

using System.Text.Json.Nodes;
using Lineage.P2p.Identity;
using Lineage.Peer.AquaVm;

namespace Lineage.Peer.Builtins;

/// <summary>
/// <c>Sig("sig")</c> with the host key (nox <c>builtins.rs</c> <c>sign</c>/<c>verify</c>). <c>sign</c> signs only
/// bytes produced on this peer by <c>registry.get_record_bytes</c> / <c>get_record_metadata_bytes</c> with an empty
/// lens (checked through the argument's tetraplet), so a particle cannot make the node sign arbitrary data.
/// </summary>
public sealed class SigService(PrivateKey hostKey) : IBuiltinService
{
    private static readonly string[] s_signableFunctions = ["get_record_bytes", "get_record_metadata_bytes"];

    public string ServiceId => "sig";

    public ValueTask<JsonNode?> CallAsync(BuiltinCall request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        JsonNode? result = request.FunctionName switch
        {
            "sign" => Sign(request),
            "verify" => JsonValue.Create(hostKey.PublicKey.Verify(request.Bytes(1), request.Bytes(0))),
            "get_peer_id" => JsonValue.Create(hostKey.PeerId.ToString()),
            _ => throw new UnknownFunctionException(ServiceId, request.FunctionName),
        };
        return ValueTask.FromResult<JsonNode?>(result);
    }

    private JsonObject Sign(BuiltinCall request)
    {
        try
        {
            byte[] data = request.Bytes(0);
            if (request.Tetraplets.Count == 0 || request.Tetraplets[0].Count != 1)
            {
                throw new BuiltinException("sig.sign: expected exactly one tetraplet for the data argument");
            }

            SecurityTetraplet origin = request.Tetraplets[0][0];
            if (origin.PeerPk != request.Context.HostPeerId || origin.ServiceId != "registry" || !s_signableFunctions.Contains(origin.FunctionName) || origin.Lens.Length != 0)
            {
                throw new BuiltinException(
                    $"data is expected to be produced by service 'registry' on peer '{request.Context.HostPeerId}', function 'get_record_bytes' or 'get_record_metadata_bytes' with empty lens, was: {origin}");
            }

            return new JsonObject { ["success"] = true, ["error"] = new JsonArray(), ["signature"] = new JsonArray(OpService.ToJsonBytes(hostKey.Sign(data))) };
        }
        catch (BuiltinException error)
        {
            return new JsonObject { ["success"] = false, ["error"] = new JsonArray(JsonValue.Create(error.Message)), ["signature"] = new JsonArray() };
        }
    }
}
