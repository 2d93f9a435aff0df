// SPDX-License-Identifier: Apache-2.0

namespace Lineage.Metadata.Cron;

/// <summary>What a cron's follower is doing.</summary>
public enum CronFollowerState
{
    /// <summary>Created, not polled yet.</summary>
    Starting,

    /// <summary>Polling normally.</summary>
    Following,

    /// <summary>The endpoint failed; polling again after a back-off.</summary>
    BackingOff,

    /// <summary>The cron cannot be followed as configured (bad URL, address, topic or chain id).</summary>
    Invalid,

    /// <summary>Disabled (status 0) or removed: not polling.</summary>
    Stopped,
}
