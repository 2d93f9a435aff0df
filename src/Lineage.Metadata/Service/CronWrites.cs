// SPDX-License-Identifier: Apache-2.0

using Lineage.Metadata.Model;

namespace Lineage.Metadata.Service;

/// <summary>One <c>set_metadata_cron</c> call: the result of a mint hook, stored under a contract for a token.</summary>
/// <param name="MetaContractId">The contract the rows are stored under.</param>
/// <param name="TokenId">The minted token.</param>
/// <param name="Result">The hook's result (a rejection writes nothing and is reported as such).</param>
public sealed record CronMetadataWrite(string MetaContractId, string TokenId, MetaContractResult Result);

/// <summary>The <c>send_cron_tx</c> record of a processed EVM transaction.</summary>
/// <param name="Data">The first event's data, hex.</param>
/// <param name="TxBlockNumber">The block of the transaction.</param>
/// <param name="TxHash">The EVM transaction hash (dedup key with the cron's address, chain and topic).</param>
/// <param name="TokenId">The first event's token id.</param>
public sealed record CronTxWrite(string Data, ulong TxBlockNumber, string TxHash, string TokenId);

/// <summary>What a batch of cron writes did: one result per <see cref="CronMetadataWrite"/>, in order, and the record.</summary>
public sealed record CronWriteResult(IReadOnlyList<MetadatasResult> Metadatas, CronTxResult? CronTx);
