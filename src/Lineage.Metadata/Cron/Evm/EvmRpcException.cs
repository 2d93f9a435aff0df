// SPDX-License-Identifier: Apache-2.0

namespace Lineage.Metadata.Cron.Evm;

/// <summary>An EVM JSON-RPC call failed. The message names the endpoint (scheme, host, port only) and the method.</summary>
public sealed class EvmRpcException : Exception
{
    public EvmRpcException(EvmRpcErrorKind kind, string endpoint, string method, string detail, Exception? inner = null)
        : base($"EVM endpoint {endpoint}: {method} failed ({kind}): {detail}", inner)
    {
        Kind = kind;
        Endpoint = endpoint;
        Method = method;
        Detail = detail;
    }

    public EvmRpcException()
        : this(EvmRpcErrorKind.MalformedResponse, "?", "?", "unspecified")
    {
    }

    public EvmRpcException(string message)
        : base(message)
    {
        Endpoint = "?";
        Method = "?";
        Detail = message;
    }

    public EvmRpcException(string message, Exception innerException)
        : base(message, innerException)
    {
        Endpoint = "?";
        Method = "?";
        Detail = message;
    }

    public EvmRpcErrorKind Kind { get; }

    public string Endpoint { get; }

    public string Method { get; }

    public string Detail { get; }

    /// <summary>The JSON-RPC error code when <see cref="Kind"/> is <see cref="EvmRpcErrorKind.RpcError"/>.</summary>
    public long? RpcErrorCode { get; init; }
}
