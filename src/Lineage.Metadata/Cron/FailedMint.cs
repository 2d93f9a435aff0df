// SPDX-License-Identifier: Apache-2.0

using System.Text.Json.Serialization;

namespace Lineage.Metadata.Cron;

/// <summary>A mint event given up on: malformed, or still failing after every retry.</summary>
/// <param name="TransactionHash">EVM transaction hash.</param>
/// <param name="BlockNumber">Block number.</param>
/// <param name="LogIndex">Log index in the block, or null when the whole transaction failed.</param>
/// <param name="Error">Why.</param>
/// <param name="At">When it was given up on (ms since the Unix epoch).</param>
public sealed record FailedMint(
    [property: JsonPropertyName("tx_hash")] string TransactionHash,
    [property: JsonPropertyName("block_number")] ulong BlockNumber,
    [property: JsonPropertyName("log_index")] ulong? LogIndex,
    [property: JsonPropertyName("error")] string Error,
    [property: JsonPropertyName("at")] long At);
