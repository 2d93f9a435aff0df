// SPDX-License-Identifier: Apache-2.0

using Microsoft.Extensions.Logging;

namespace Lineage.Node.Cron;

/// <summary>Mint watcher log messages (event ids 7_200–7_299).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 7_200, Level = LogLevel.Information, Message = "cron {CronHash}: following {Endpoint}")]
    public static partial void FollowerStarted(ILogger logger, string cronHash, string endpoint);

    [LoggerMessage(EventId = 7_201, Level = LogLevel.Information, Message = "cron {CronHash}: stopped")]
    public static partial void FollowerStopped(ILogger logger, string cronHash);

    [LoggerMessage(EventId = 7_202, Level = LogLevel.Warning, Message = "cron {CronHash}: not followed: {Reason}")]
    public static partial void FollowerInvalid(ILogger logger, string cronHash, string reason);

    [LoggerMessage(EventId = 7_203, Level = LogLevel.Error, Message = "cron watcher: reading the cron table failed")]
    public static partial void ReconcileFailed(ILogger logger, Exception exception);
}
