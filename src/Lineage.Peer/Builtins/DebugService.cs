// SPDX-License-Identifier: Apache-2.0

using System.Text.Json.Nodes;

namespace Lineage.Peer.Builtins;

/// <summary><c>Debug("debug")</c>: <c>stringify(any) -> string</c>, the JSON text of its argument(s).</summary>
public sealed class DebugService : IBuiltinService
{
    public string ServiceId => "debug";

    public ValueTask<JsonNode?> CallAsync(BuiltinCall request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.FunctionName != "stringify")
        {
            throw new UnknownFunctionException(ServiceId, request.FunctionName);
        }

        string text = request.Count switch
        {
            0 => "<empty argument list>",
            1 => request.Arguments[0]?.ToJsonString() ?? "null",
            _ => request.Arguments.ToJsonString(),
        };
        return ValueTask.FromResult<JsonNode?>(JsonValue.Create(text));
    }
}
