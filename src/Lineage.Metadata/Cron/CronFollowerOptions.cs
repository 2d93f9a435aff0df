// SPDX-License-Identifier: Apache-2.0

namespace Lineage.Metadata.Cron;

/// <summary>How a cron follower watches its chain. The reference polled every 30 s with no reorg handling.</summary>
public sealed record CronFollowerOptions
{
    /// <summary>Time between polls of the endpoint while nothing fails (default 1 s).</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Blocks a mint must be buried under before it is processed. 0 processes at the head and relies on reorg
    /// detection (rewind and rescan; dedup prevents duplicates); N &gt; 0 never processes a block that a reorg of
    /// depth ≤ N can remove.
    /// </summary>
    public int Confirmations { get; init; }

    /// <summary>How many recent scan checkpoints (block number + hash) are kept to find the fork point of a reorg.</summary>
    public int ReorgWindow { get; init; } = 64;

    /// <summary>Largest block range asked of <c>eth_getLogs</c> at once (halved automatically when the endpoint refuses).</summary>
    public ulong MaxBlockRange { get; init; } = 5_000;

    /// <summary>Mint events processed concurrently (they touch distinct tokens).</summary>
    public int Parallelism { get; init; } = 16;

    /// <summary>First retry delay of a failed event; doubles per attempt up to <see cref="RetryMaxDelay"/>.</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest delay between two retries of an event.</summary>
    public TimeSpan RetryMaxDelay { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Attempts after which a failing event is parked as failed (visible in the cron's status).</summary>
    public int MaxAttempts { get; init; } = 10;

    /// <summary>Longest back-off between polls while the endpoint keeps failing.</summary>
    public TimeSpan EndpointMaxBackoff { get; init; } = TimeSpan.FromSeconds(30);
}
