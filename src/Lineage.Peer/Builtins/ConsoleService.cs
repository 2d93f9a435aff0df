// SPDX-License-Identifier: Apache-2.0

using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;

namespace Lineage.Peer.Builtins;

/// <summary>
/// <c>Console("run-console")</c>: <c>print(any…)</c> writes to the node log. Guarded like nox ≥ 0.23.3: only the
/// host itself may print into the node's log.
/// </summary>
public sealed class ConsoleService(ILogger logger) : IBuiltinService
{
    public string ServiceId => "run-console";

    public ValueTask<JsonNode?> CallAsync(BuiltinCall request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.FunctionName != "print")
        {
            throw new UnknownFunctionException(ServiceId, request.FunctionName);
        }

        if (request.Context.InitPeerId != request.Context.HostPeerId)
        {
            throw new BuiltinException($"run-console.print is allowed only for the host, not for {request.Context.InitPeerId}");
        }

        string text = request.Arguments.ToJsonString();
        Log.ConsolePrint(logger, request.Context.ParticleId, text);
        return ValueTask.FromResult<JsonNode?>(JsonValue.Create(string.Empty));
    }
}
