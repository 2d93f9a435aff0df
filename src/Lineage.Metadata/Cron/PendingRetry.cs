// SPDX-License-Identifier: Apache-2.0

namespace Lineage.Metadata.Cron;

/// <summary>A mint transaction whose processing failed and will be retried.</summary>
/// <param name="TransactionHash">EVM transaction hash.</param>
/// <param name="BlockNumber">Block the transaction was seen in.</param>
/// <param name="Attempts">Attempts made so far.</param>
/// <param name="NextAttemptAt">Earliest time of the next attempt.</param>
/// <param name="LastError">Why the last attempt failed.</param>
public sealed record PendingRetry(string TransactionHash, ulong BlockNumber, int Attempts, DateTimeOffset NextAttemptAt, string LastError);
