// SPDX-License-Identifier: Apache-2.0

namespace Lineage.Node.JsonRpc;

/// <summary>The error codes JSON-RPC 2.0 defines (§5.1 of the specification).</summary>
internal static class JsonRpcErrorCode
{
    /// <summary>Invalid JSON was received.</summary>
    public const int ParseError = -32700;

    /// <summary>The JSON sent is not a valid request object.</summary>
    public const int InvalidRequest = -32600;

    /// <summary>The method does not exist.</summary>
    public const int MethodNotFound = -32601;

    /// <summary>Invalid method parameters.</summary>
    public const int InvalidParams = -32602;

    /// <summary>Internal JSON-RPC error.</summary>
    public const int InternalError = -32603;

    /// <summary>Implementation-defined server error: the method exists but is disabled by node configuration.</summary>
    public const int MethodDisabled = -32001;
}
