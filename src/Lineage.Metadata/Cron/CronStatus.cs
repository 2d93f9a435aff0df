// SPDX-License-Identifier: Apache-2.0

using System.Text.Json.Serialization;

namespace Lineage.Metadata.Cron;

/// <summary>A snapshot of one cron's watcher: progress, counters and the last error (JSON: snake_case).</summary>
public sealed record CronStatus
{
    [JsonPropertyName("hash")]
    public string Hash { get; init; } = "";

    /// <summary>One of <c>starting</c>, <c>following</c>, <c>backing_off</c>, <c>invalid</c>, <c>stopped</c>.</summary>
    [JsonPropertyName("state")]
    public string State { get; init; } = "";

    /// <summary>Scheme, host and port of the endpoint (never its path or query).</summary>
    [JsonPropertyName("endpoint")]
    public string Endpoint { get; init; } = "";

    [JsonPropertyName("head_block")]
    public ulong? HeadBlock { get; init; }

    [JsonPropertyName("scanned_block")]
    public ulong? ScannedBlock { get; init; }

    [JsonPropertyName("confirmations")]
    public int Confirmations { get; init; }

    [JsonPropertyName("events_processed")]
    public long EventsProcessed { get; init; }

    /// <summary>Events whose meta contract rejected the mint (reference semantics: recorded, no rows).</summary>
    [JsonPropertyName("events_rejected")]
    public long EventsRejected { get; init; }

    [JsonPropertyName("pending_retries")]
    public int PendingRetries { get; init; }

    [JsonPropertyName("failed_events")]
    public long FailedEvents { get; init; }

    [JsonPropertyName("reorgs")]
    public long Reorgs { get; init; }

    [JsonPropertyName("last_error")]
    public string LastError { get; init; } = "";

    /// <summary>Milliseconds since the Unix epoch; 0 when there was no error.</summary>
    [JsonPropertyName("last_error_at")]
    public long LastErrorAt { get; init; }

    [JsonPropertyName("last_poll_at")]
    public long LastPollAt { get; init; }

    [JsonPropertyName("recent_failures")]
    public IReadOnlyList<FailedMint> RecentFailures { get; init; } = [];
}
