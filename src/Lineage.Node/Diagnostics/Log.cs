// SPDX-License-Identifier: Apache-2.0

using Microsoft.Extensions.Logging;

namespace Lineage.Node.Diagnostics;

/// <summary>Source-generated log messages of the node host and gateway (event ids 700_000–700_999).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 700_001, Level = LogLevel.Information, Message = "Node starting: data directory {DataDirectory}, peer id {PeerId}")]
    public static partial void NodeStarting(ILogger logger, string dataDirectory, string peerId);

    [LoggerMessage(EventId = 700_002, Level = LogLevel.Information, Message = "Generated a new node identity in {KeyFile}")]
    public static partial void IdentityCreated(ILogger logger, string keyFile);

    [LoggerMessage(EventId = 700_003, Level = LogLevel.Information, Message = "Listening on {Kind} {Address}")]
    public static partial void Listening(ILogger logger, string kind, string address);

    [LoggerMessage(EventId = 700_004, Level = LogLevel.Information, Message = "Node stopping")]
    public static partial void NodeStopping(ILogger logger);

    [LoggerMessage(EventId = 700_010, Level = LogLevel.Error, Message = "JSON-RPC method {Method} failed with an internal error")]
    public static partial void RpcInternalError(ILogger logger, string method, Exception exception);

    [LoggerMessage(EventId = 700_011, Level = LogLevel.Debug, Message = "JSON-RPC {Method} answered error {Code}: {Reason}")]
    public static partial void RpcError(ILogger logger, string method, int code, string reason);

    [LoggerMessage(EventId = 700_012, Level = LogLevel.Information, Message = "JSON-RPC request rejected: {Reason}")]
    public static partial void RpcRejected(ILogger logger, string reason);

    [LoggerMessage(EventId = 700_013, Level = LogLevel.Debug, Message = "Published transaction {TransactionHash}")]
    public static partial void TransactionPublished(ILogger logger, string transactionHash);

    [LoggerMessage(EventId = 700_030, Level = LogLevel.Information, Message = "AquaVM loaded: {PoolSize} instance(s) of {AvmWasm} in {ElapsedMs} ms")]
    public static partial void AquaVmLoaded(ILogger logger, int poolSize, string avmWasm, long elapsedMs);

    [LoggerMessage(EventId = 700_031, Level = LogLevel.Information, Message = "Connected to bootstrap peer {Address}")]
    public static partial void BootstrapConnected(ILogger logger, Lineage.P2p.Multiaddresses.Multiaddr address);

    [LoggerMessage(EventId = 700_032, Level = LogLevel.Warning, Message = "Bootstrap peer {Address} unreachable ({Reason}); retrying in {BackoffSeconds} s")]
    public static partial void BootstrapFailed(ILogger logger, Lineage.P2p.Multiaddresses.Multiaddr address, string reason, double backoffSeconds);

    [LoggerMessage(EventId = 700_020, Level = LogLevel.Warning, Message = "Metadata URI request failed: {Reason}")]
    public static partial void MetadataUriFailed(ILogger logger, string reason);
}
