// SPDX-License-Identifier: Apache-2.0

namespace Lineage.Node.JsonRpc;

/// <summary>A JSON-RPC error answer: thrown by method bindings, turned into an <c>error</c> member by the handler.</summary>
internal sealed class JsonRpcException : Exception
{
    public JsonRpcException()
    {
    }

    public JsonRpcException(string message)
        : this(JsonRpcErrorCode.InternalError, message)
    {
    }

    public JsonRpcException(string message, Exception innerException)
        : base(message, innerException)
    {
        Code = JsonRpcErrorCode.InternalError;
    }

    public JsonRpcException(int code, string message)
        : base(message)
    {
        Code = code;
    }

    /// <summary>The JSON-RPC error code.</summary>
    public int Code { get; }

    public static JsonRpcException InvalidParams(string message) => new(JsonRpcErrorCode.InvalidParams, message);
}
