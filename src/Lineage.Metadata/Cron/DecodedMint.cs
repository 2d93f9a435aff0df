// SPDX-License-Identifier: Apache-2.0

using Lineage.Metadata.Cron.Abi;
using Lineage.Metadata.Cron.Evm;

namespace Lineage.Metadata.Cron;

/// <summary>A Minted log with its decoded event and mint data.</summary>
internal sealed record DecodedMint(EvmLog Log, MintedEvent Event, MintData Data);
