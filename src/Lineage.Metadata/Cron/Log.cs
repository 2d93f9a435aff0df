// SPDX-License-Identifier: Apache-2.0

using Microsoft.Extensions.Logging;

namespace Lineage.Metadata.Cron;

/// <summary>Cron follower log messages (event ids 7_100–7_199).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 7_100, Level = LogLevel.Warning, Message = "cron {CronHash}: cannot follow: {Reason}")]
    public static partial void CronInvalid(ILogger logger, string cronHash, string reason);

    [LoggerMessage(EventId = 7_101, Level = LogLevel.Warning, Message = "cron {CronHash}: {Error}; next poll in {DelayMs} ms")]
    public static partial void EndpointFailed(ILogger logger, string cronHash, string error, double delayMs);

    [LoggerMessage(EventId = 7_102, Level = LogLevel.Error, Message = "cron {CronHash}: poll failed")]
    public static partial void PollFailed(ILogger logger, string cronHash, Exception exception);

    [LoggerMessage(EventId = 7_103, Level = LogLevel.Information, Message = "cron {CronHash}: eth_getLogs range narrowed to {Range} blocks ({Detail})")]
    public static partial void RangeNarrowed(ILogger logger, string cronHash, ulong range, string detail);

    [LoggerMessage(EventId = 7_104, Level = LogLevel.Information, Message = "cron {CronHash}: block {Block} changed during the scan; retrying next poll")]
    public static partial void TipMoved(ILogger logger, string cronHash, ulong block);

    [LoggerMessage(EventId = 7_105, Level = LogLevel.Warning, Message = "cron {CronHash}: {Message}")]
    public static partial void Reorg(ILogger logger, string cronHash, string message);

    [LoggerMessage(EventId = 7_106, Level = LogLevel.Warning, Message = "cron {CronHash}: mint tx {TxHash} failed (attempt {Attempt}): {Error}")]
    public static partial void EventFailed(ILogger logger, string cronHash, string txHash, int attempt, string error);

    [LoggerMessage(EventId = 7_107, Level = LogLevel.Information, Message = "cron {CronHash}: mint tx {TxHash} processed on attempt {Attempt}")]
    public static partial void RetrySucceeded(ILogger logger, string cronHash, string txHash, int attempt);

    [LoggerMessage(EventId = 7_108, Level = LogLevel.Error, Message = "cron {CronHash}: gave up on mint tx {TxHash}: {Error}")]
    public static partial void EventGivenUp(ILogger logger, string cronHash, string txHash, string error);
}
