// SPDX-License-Identifier: Apache-2.0

using Microsoft.Extensions.Logging;

namespace Lineage.Node.Evm;

/// <summary>EVM endpoint log messages (event ids 7_300–7_399).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 7_300, Level = LogLevel.Information, Message = "{Endpoint}: subscribed to new heads over WebSocket")]
    public static partial void HeadSubscribed(ILogger logger, string endpoint);

    [LoggerMessage(EventId = 7_301, Level = LogLevel.Information, Message = "{Endpoint}: no new-heads subscription ({Error}); polling only")]
    public static partial void HeadSubscriptionRefused(ILogger logger, string endpoint, string error);

    [LoggerMessage(EventId = 7_302, Level = LogLevel.Debug, Message = "{Endpoint}: new-heads WebSocket lost ({Reason}); polling meanwhile")]
    public static partial void HeadSubscriptionLost(ILogger logger, string endpoint, string reason);
}
