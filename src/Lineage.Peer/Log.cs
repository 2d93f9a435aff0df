// SPDX-License-Identifier: Apache-2.0

using Lineage.Peer.Particles;
using Microsoft.Extensions.Logging;

namespace Lineage.Peer;

/// <summary>Source-generated log messages of Lineage.Peer (event ids 601_000–601_999).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 601_001, Level = LogLevel.Warning, Message = "particle {ParticleId} from {From} rejected: {Verdict} ({Detail})")]
    public static partial void ParticleRejected(ILogger logger, string particleId, string from, ParticleVerdict verdict, string detail);

    [LoggerMessage(EventId = 601_002, Level = LogLevel.Warning, Message = "malformed particle message from {From} dropped: {Detail}")]
    public static partial void MalformedMessage(ILogger logger, string from, string detail);
}
