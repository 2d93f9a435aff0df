// SPDX-License-Identifier: Apache-2.0

using Lineage.Metadata.Contracts;
using Lineage.Metadata.Model;

namespace Lineage.Metadata.Service;

/// <summary>
/// The mint hooks (<c>on_mint</c>, <c>on_post_mint</c>) of one meta contract, resolved once. The cron follower
/// resolves each contract once per batch of events instead of once per event.
/// </summary>
public sealed class MintHooks
{
    private readonly IMetaContract _contract;
    private readonly MetaContractBinding _binding;

    internal MintHooks(string metaContractId, IMetaContract contract, MetaContractBinding binding)
    {
        MetaContractId = metaContractId;
        _contract = contract;
        _binding = binding;
    }

    /// <summary>The contract (bound contract id or registry id) these hooks belong to.</summary>
    public string MetaContractId { get; }

    /// <summary>Runs <c>on_mint</c>; <paramref name="dataHex"/> is the event payload.</summary>
    public ValueTask<MetaContractResult> OnMintAsync(string dataKey, string tokenId, string dataHex, CancellationToken cancellationToken) =>
        _contract.OnMintAsync(_binding, dataKey ?? string.Empty, tokenId ?? string.Empty, dataHex ?? string.Empty, cancellationToken);

    /// <summary>Runs <c>on_post_mint</c> over the rows another contract produced.</summary>
    public ValueTask<MetaContractResult> OnPostMintAsync(
        IReadOnlyList<FinalMetadata> metadatas, string dataKey, string tokenAddress, string chain, string tokenId, CancellationToken cancellationToken) =>
        _contract.OnPostMintAsync(metadatas ?? [], _binding, dataKey ?? string.Empty, tokenAddress ?? string.Empty, chain ?? string.Empty, tokenId ?? string.Empty, cancellationToken);
}
