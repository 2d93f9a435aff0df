// SPDX-License-Identifier: Apache-2.0

namespace Lineage.Metadata.Cron.Evm;

/// <summary>Why an EVM JSON-RPC call failed.</summary>
public enum EvmRpcErrorKind
{
    /// <summary>Connection refused, DNS failure, reset: the endpoint could not be reached.</summary>
    Unreachable,

    /// <summary>No answer within the request timeout.</summary>
    Timeout,

    /// <summary>The endpoint answered with a non-success HTTP status.</summary>
    HttpStatus,

    /// <summary>The answer is not a well-formed JSON-RPC 2.0 response of the expected shape.</summary>
    MalformedResponse,

    /// <summary>The endpoint returned a JSON-RPC error object.</summary>
    RpcError,

    /// <summary>The answer exceeded the configured size limit.</summary>
    ResponseTooLarge,
}
