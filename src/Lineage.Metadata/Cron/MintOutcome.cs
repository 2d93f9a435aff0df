// SPDX-License-Identifier: Apache-2.0

namespace Lineage.Metadata.Cron;

/// <summary>What processing one mint transaction's events came to.</summary>
internal enum MintOutcome
{
    /// <summary>Every event was handled and the transaction recorded (send_cron_tx).</summary>
    Recorded,

    /// <summary>Already recorded earlier (dedup by tx_hash, address, chain, topic).</summary>
    Duplicate,

    /// <summary>A transient failure: retry later.</summary>
    Retry,
}
