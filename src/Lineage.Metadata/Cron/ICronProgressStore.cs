// SPDX-License-Identifier: Apache-2.0

namespace Lineage.Metadata.Cron;

/// <summary>
/// Durable follower state beside the domain tables: where the scan stands, recent block hashes for reorg detection,
/// events to retry and events given up on. (The reference kept only <c>cron.last_processed_block</c>.)
/// </summary>
public interface ICronProgressStore
{
    Task<CronProgress> LoadAsync(string cronHash, CancellationToken cancellationToken);

    /// <summary>Records that every log up to <paramref name="scannedBlock"/> is handled.</summary>
    Task SaveScanAsync(string cronHash, ulong? scannedBlock, IReadOnlyList<BlockCheckpoint> checkpoints, CancellationToken cancellationToken);

    Task UpsertRetryAsync(string cronHash, PendingRetry retry, CancellationToken cancellationToken);

    Task RemoveRetryAsync(string cronHash, string transactionHash, CancellationToken cancellationToken);

    Task AddFailureAsync(string cronHash, FailedMint failure, CancellationToken cancellationToken);

    /// <summary>The most recent failures (newest first) and the total count.</summary>
    Task<(IReadOnlyList<FailedMint> Recent, long Total)> GetFailuresAsync(string cronHash, int limit, CancellationToken cancellationToken);
}
