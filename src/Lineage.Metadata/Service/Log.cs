// SPDX-License-Identifier: Apache-2.0

using Microsoft.Extensions.Logging;

namespace Lineage.Metadata.Service;

/// <summary>Source-generated log messages of the metadata service (event ids 300_000+).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 300_001, Level = LogLevel.Debug, Message = "transaction {Hash} ({Method}) accepted")]
    public static partial void Accepted(ILogger logger, string hash, string method);

    [LoggerMessage(EventId = 300_002, Level = LogLevel.Information, Message = "transaction {Hash} ({Method}) rejected: {Reason}")]
    public static partial void Rejected(ILogger logger, string hash, string method, string reason);

    [LoggerMessage(EventId = 300_003, Level = LogLevel.Debug, Message = "transaction {Hash} executed: status {Status} {Error}")]
    public static partial void Executed(ILogger logger, string hash, long status, string error);

    [LoggerMessage(EventId = 300_004, Level = LogLevel.Error, Message = "transaction {Hash} failed with an internal error")]
    public static partial void ExecutionCrashed(ILogger logger, Exception exception, string hash);

    [LoggerMessage(EventId = 300_005, Level = LogLevel.Error, Message = "group commit of {Count} work items failed")]
    public static partial void CommitFailed(ILogger logger, Exception exception, int count);

    [LoggerMessage(EventId = 300_006, Level = LogLevel.Information, Message = "recovered {Count} pending transactions")]
    public static partial void Recovered(ILogger logger, int count);

    [LoggerMessage(EventId = 300_007, Level = LogLevel.Error, Message = "write work item failed")]
    public static partial void WorkFailed(ILogger logger, Exception exception);
}
