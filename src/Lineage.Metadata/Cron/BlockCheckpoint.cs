// SPDX-License-Identifier: Apache-2.0

namespace Lineage.Metadata.Cron;

/// <summary>A scanned block and its hash, kept to detect reorganisations and find the fork point.</summary>
public readonly record struct BlockCheckpoint(ulong Number, string Hash);
