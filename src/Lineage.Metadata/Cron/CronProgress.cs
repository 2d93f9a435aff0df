// SPDX-License-Identifier: Apache-2.0

namespace Lineage.Metadata.Cron;

/// <summary>A follower's persisted position: scanned tip, recent checkpoints and the retry queue.</summary>
/// <param name="ScannedBlock">Highest block whose logs were all handled (processed, queued for retry or failed); null before the first scan.</param>
/// <param name="Checkpoints">Recent scanned blocks with their hashes, oldest first.</param>
/// <param name="Retries">Events waiting for another attempt.</param>
public sealed record CronProgress(ulong? ScannedBlock, IReadOnlyList<BlockCheckpoint> Checkpoints, IReadOnlyList<PendingRetry> Retries)
{
    public static CronProgress Empty { get; } = new(null, [], []);
}
