// SPDX-License-Identifier: Apache-2.0

using System.Text.Json.Nodes;

namespace Lineage.Peer.Builtins;

/// <summary>A service served by the node itself rather than by a hosted Wasm module.</summary>
public interface IBuiltinService
{
    string ServiceId { get; }

    /// <summary>
    /// Calls <see cref="BuiltinCall.FunctionName"/>. Returns the JSON result; throws <see cref="BuiltinException"/>
    /// for a refused request and <see cref="UnknownFunctionException"/> for a function it does not have.
    /// </summary>
    ValueTask<JsonNode?> CallAsync(BuiltinCall request, CancellationToken cancellationToken);
}
