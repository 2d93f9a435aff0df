// SPDX-License-Identifier: Apache-2.0

using System.Text.Json;
using Lineage.Metadata.Model;

namespace Lineage.Metadata.Contracts;

/// <summary>
/// The contract behind registry slot <c>0x01</c> ([MC01], §12, §13.3): stores the author's object as the whole
/// field (alias <c>""</c>, <c>version = data_key</c>) and adds the canonical fields <c>token</c> =
/// <c>{address, chain, id}</c> and <c>lineage_key</c> = data_key under public key <c>0x01</c> once. Clones are
/// refused; mints go through <see cref="OnPostMintAsync"/>.
/// </summary>
public sealed class NftMetadataContract : IMetaContract
{
    /// <summary>Implementation name used in <see cref="Service.TransactionServiceOptions.ContractImplementations"/>.</summary>
    public const string Name = "nft-metadata";

    /// <summary>The synthetic owner of the canonical fields.</summary>
    public const string RegistryOwner = "0x01";

    public ValueTask<MetaContractResult> OnExecuteAsync(MetaContractBinding contract, IReadOnlyList<MetadataRecord> metadatas, Transaction transaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(metadatas);
        var finals = new List<FinalMetadata>
        {
            new() { PublicKey = transaction.PublicKey, Alias = string.Empty, Content = transaction.Data, Loose = 0, Version = transaction.DataKey },
        };
        bool hasToken = metadatas.Any(m => m.PublicKey == RegistryOwner && m.Alias == "token" && m.Version == transaction.DataKey);
        bool hasLineageKey = metadatas.Any(m => m.PublicKey == RegistryOwner && m.Alias == "lineage_key" && m.Version == transaction.DataKey);
        if (!hasToken)
        {
            finals.Add(TokenField(transaction.TokenAddress, transaction.ChainId, transaction.TokenId, transaction.DataKey));
        }

        if (!hasLineageKey)
        {
            finals.Add(LineageKeyField(transaction.DataKey));
        }

        return ValueTask.FromResult(MetaContractResult.Accept(finals));
    }

    public ValueTask<MetaContractResult> OnMintAsync(MetaContractBinding contract, string dataKey, string tokenId, string dataHex, CancellationToken cancellationToken) =>
        ValueTask.FromResult(MetaContractResult.Reject("on_mint is not available"));

    public ValueTask<MetaContractResult> OnPostMintAsync(IReadOnlyList<FinalMetadata> metadatas, MetaContractBinding contract, string dataKey, string tokenAddress, string chain, string tokenId, CancellationToken cancellationToken)
    {
        var finals = new List<FinalMetadata>(metadatas ?? [])
        {
            TokenField(tokenAddress, chain, tokenId, dataKey),
            LineageKeyField(dataKey),
        };
        return ValueTask.FromResult(MetaContractResult.Accept(finals));
    }

    public ValueTask<bool> OnCloneAsync(CancellationToken cancellationToken) => ValueTask.FromResult(false);

    // Serialised properly (the reference formatted the JSON by hand, so quotes in an address broke it).
    private static FinalMetadata TokenField(string address, string chain, string id, string dataKey) => new()
    {
        PublicKey = RegistryOwner,
        Alias = "token",
        Content = JsonSerializer.Serialize(new Dictionary<string, string> { ["address"] = address, ["chain"] = chain, ["id"] = id }, LineageContractsJsonContext.Default.DictionaryStringString),
        Loose = 0,
        Version = dataKey,
    };

    private static FinalMetadata LineageKeyField(string dataKey) => new()
    {
        PublicKey = RegistryOwner,
        Alias = "lineage_key",
        Content = dataKey,
        Loose = 0,
        Version = dataKey,
    };
}
