// SPDX-License-Identifier: Apache-2.0

using Lineage.Metadata.Model;

namespace Lineage.Metadata.Contracts;

/// <summary>
/// A meta contract: the policy a collection or registry applies to writes (reference §13.2). Native contracts
/// implement it directly; a Wasm (Marine) contract is another implementation that marshals these calls.
/// A contract changes state only through the <see cref="FinalMetadata"/> rows it returns.
/// </summary>
public interface IMetaContract
{
    /// <summary>Decides a <c>metadata</c> transaction given the current rows of its data_key.</summary>
    ValueTask<MetaContractResult> OnExecuteAsync(MetaContractBinding contract, IReadOnlyList<MetadataRecord> metadatas, Transaction transaction, CancellationToken cancellationToken);

    /// <summary>Produces rows for a freshly minted token; <paramref name="dataHex"/> is the event payload (hex).</summary>
    ValueTask<MetaContractResult> OnMintAsync(MetaContractBinding contract, string dataKey, string tokenId, string dataHex, CancellationToken cancellationToken);

    /// <summary>Post-processes the rows of a mint (registry contracts add canonical fields).</summary>
    ValueTask<MetaContractResult> OnPostMintAsync(IReadOnlyList<FinalMetadata> metadatas, MetaContractBinding contract, string dataKey, string tokenAddress, string chain, string tokenId, CancellationToken cancellationToken);

    /// <summary>Whether rows governed by this contract may be cloned into another token.</summary>
    ValueTask<bool> OnCloneAsync(CancellationToken cancellationToken);
}
