// SPDX-License-Identifier: Apache-2.0

namespace Lineage.Node.Tests.Cron;

/// <summary>Where a mint transaction landed on the test chain.</summary>
public sealed record MintReceipt(string TransactionHash, ulong BlockNumber, string BlockHash);
