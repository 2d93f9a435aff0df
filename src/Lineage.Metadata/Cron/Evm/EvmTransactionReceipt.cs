// SPDX-License-Identifier: Apache-2.0

namespace Lineage.Metadata.Cron.Evm;

/// <summary>The part of <c>eth_getTransactionReceipt</c> the watcher uses.</summary>
/// <param name="TransactionHash">Transaction hash.</param>
/// <param name="BlockNumber">Block that includes the transaction.</param>
/// <param name="BlockHash">Hash of that block.</param>
/// <param name="Succeeded">The receipt status (<c>0x1</c>); pre-Byzantium receipts without a status count as success.</param>
/// <param name="Logs">The logs the transaction emitted.</param>
public sealed record EvmTransactionReceipt(
    string TransactionHash,
    ulong BlockNumber,
    string BlockHash,
    bool Succeeded,
    IReadOnlyList<EvmLog> Logs);
