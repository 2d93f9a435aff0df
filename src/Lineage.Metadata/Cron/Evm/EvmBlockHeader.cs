// SPDX-License-Identifier: Apache-2.0

namespace Lineage.Metadata.Cron.Evm;

/// <summary>The part of <c>eth_getBlockByNumber</c> the watcher uses (reorg detection and latency figures).</summary>
/// <param name="Number">Block number.</param>
/// <param name="Hash">Block hash (lower-case hex).</param>
/// <param name="ParentHash">Parent block hash (lower-case hex).</param>
/// <param name="Timestamp">Block timestamp, seconds since the Unix epoch.</param>
public sealed record EvmBlockHeader(ulong Number, string Hash, string ParentHash, ulong Timestamp);
