// SPDX-License-Identifier: Apache-2.0

namespace Lineage.Node.JsonRpc;

/// <summary>
/// One JSON-RPC method: binds the params, calls the domain and returns the result object to serialise (any value
/// System.Text.Json can write). Invalid params throw <see cref="JsonRpcException"/> with
/// <see cref="JsonRpcErrorCode.InvalidParams"/>.
/// </summary>
internal delegate Task<object?> JsonRpcMethod(JsonRpcParams parameters, CancellationToken cancellationToken);
