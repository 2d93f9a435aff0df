// SPDX-License-Identifier: Apache-2.0

namespace Lineage.Metadata.Cron.Evm;

/// <summary>One log entry as returned by <c>eth_getLogs</c> or inside a receipt. Hex strings are lower-case.</summary>
/// <param name="Address">Emitting contract, <c>0x</c> + 40 hex digits.</param>
/// <param name="Topics">Topic words, each <c>0x</c> + 64 hex digits; topic 0 is the event signature hash.</param>
/// <param name="Data">The non-indexed parameters, ABI-encoded.</param>
/// <param name="BlockNumber">Block that holds the log.</param>
/// <param name="BlockHash">Hash of that block.</param>
/// <param name="TransactionHash">Transaction that emitted the log.</param>
/// <param name="TransactionIndex">Position of the transaction in the block.</param>
/// <param name="LogIndex">Position of the log in the block.</param>
/// <param name="Removed">True when the endpoint reports the log as removed by a reorganisation.</param>
public sealed record EvmLog(
    string Address,
    IReadOnlyList<string> Topics,
    ReadOnlyMemory<byte> Data,
    ulong BlockNumber,
    string BlockHash,
    string TransactionHash,
    ulong TransactionIndex,
    ulong LogIndex,
    bool Removed);
