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

    [LoggerMessage(EventId = 601_003, Level = LogLevel.Debug, Message = "particle {ParticleId} from {From} accepted ({DataBytes} data bytes)")]
    public static partial void ParticleAccepted(ILogger logger, string particleId, string from, int dataBytes);

    [LoggerMessage(EventId = 601_004, Level = LogLevel.Debug, Message = "particle {ParticleId}: AquaVM ret_code {RetCode}, {NextPeers} next peer(s) {ErrorMessage}")]
    public static partial void Interpreted(ILogger logger, string particleId, long retCode, int nextPeers, string errorMessage);

    [LoggerMessage(EventId = 601_005, Level = LogLevel.Information, Message = "particle {ParticleId} expired before its effects; dropped")]
    public static partial void ExpiredBeforeRun(ILogger logger, string particleId);

    [LoggerMessage(EventId = 601_006, Level = LogLevel.Information, Message = "particle {ParticleId} could not be sent to {PeerId}")]
    public static partial void RouteFailed(ILogger logger, string particleId, string peerId);

    [LoggerMessage(EventId = 601_007, Level = LogLevel.Error, Message = "particle {ParticleId}: AquaVM returned undecodable call requests: {Detail}")]
    public static partial void BadCallRequests(ILogger logger, string particleId, string detail);

    [LoggerMessage(EventId = 601_008, Level = LogLevel.Debug, Message = "particle {ParticleId}: {ServiceId}.{FunctionName} -> ret_code {RetCode}")]
    public static partial void ServiceCalled(ILogger logger, string particleId, string serviceId, string functionName, int retCode);

    [LoggerMessage(EventId = 601_009, Level = LogLevel.Error, Message = "particle {ParticleId}: actor run failed")]
    public static partial void ActorFailed(ILogger logger, string particleId, Exception error);

    [LoggerMessage(EventId = 601_010, Level = LogLevel.Debug, Message = "particle {ParticleId}: actor reaped at its deadline")]
    public static partial void ActorExpired(ILogger logger, string particleId);

    [LoggerMessage(EventId = 601_011, Level = LogLevel.Information, Message = "run-console (particle {ParticleId}): {Text}")]
    public static partial void ConsolePrint(ILogger logger, string particleId, string text);

    [LoggerMessage(EventId = 601_012, Level = LogLevel.Information, Message = "particle {ParticleId}: sending to {PeerId} failed: {Detail}")]
    public static partial void SendFailed(ILogger logger, string particleId, string peerId, string detail);

    [LoggerMessage(EventId = 601_013, Level = LogLevel.Information, Message = "particle {ParticleId}: no address for {PeerId} (not connected, not in the peer store, not found by Kademlia)")]
    public static partial void ContactNotFound(ILogger logger, string particleId, Lineage.P2p.Identity.PeerId peerId);

    [LoggerMessage(EventId = 601_014, Level = LogLevel.Debug, Message = "particle {ParticleId}: Kademlia found {AddressCount} address(es) of {PeerId}")]
    public static partial void ContactDiscovered(ILogger logger, string particleId, Lineage.P2p.Identity.PeerId peerId, int addressCount);
}
