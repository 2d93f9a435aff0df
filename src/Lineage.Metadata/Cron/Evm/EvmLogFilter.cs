// SPDX-License-Identifier: Apache-2.0

namespace Lineage.Metadata.Cron.Evm;

/// <summary>An <c>eth_getLogs</c> filter: one contract, an inclusive block range and the topic-0 alternatives.</summary>
/// <param name="Address">Contract address (<c>0x</c> + 40 hex digits).</param>
/// <param name="FromBlock">First block, inclusive.</param>
/// <param name="ToBlock">Last block, inclusive.</param>
/// <param name="Topic0">Event signature hash the logs must carry as topic 0.</param>
public sealed record EvmLogFilter(string Address, ulong FromBlock, ulong ToBlock, string Topic0);
