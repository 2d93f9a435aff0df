// SPDX-License-Identifier: Apache-2.0

namespace Lineage.Metadata.Dag;

/// <summary>The <c>transaction</c> member of a DAG block: which transaction wrote it.</summary>
/// <param name="Hash">Transaction hash.</param>
/// <param name="Timestamp">Transaction timestamp (ms).</param>
/// <param name="MetaContractId">Meta contract id of the transaction.</param>
/// <param name="Method">Transaction method.</param>
/// <param name="Value"><c>""</c> for metadata writes; the serialised clone request for clones.</param>
public sealed record BlockTransaction(string Hash, long Timestamp, string MetaContractId, string Method, string Value);
