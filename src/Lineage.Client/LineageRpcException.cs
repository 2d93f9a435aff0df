// SPDX-License-Identifier: Apache-2.0

namespace Lineage.Client;

/// <summary>The node answered a call with a JSON-RPC error.</summary>
public sealed class LineageRpcException : Exception
{
    public LineageRpcException()
    {
    }

    public LineageRpcException(string message)
        : base(message)
    {
    }

    public LineageRpcException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public LineageRpcException(int code, string message)
        : base(message)
    {
        Code = code;
    }

    /// <summary>The JSON-RPC error code (-32602 invalid params, -32601 method not found, …).</summary>
    public int Code { get; }
}
