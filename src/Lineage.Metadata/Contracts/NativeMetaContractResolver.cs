// SPDX-License-Identifier: Apache-2.0

using Lineage.Metadata.Model;

namespace Lineage.Metadata.Contracts;

/// <summary>
/// Resolves contracts to the native implementations: an explicit mapping by contract id first, then
/// <see cref="NftMetadataContract"/> for anything reached through registry <c>0x01</c>, else
/// <see cref="DefaultMetaContract"/>.
/// </summary>
public sealed class NativeMetaContractResolver : IMetaContractResolver
{
    private readonly IReadOnlyDictionary<string, string> _implementations;
    private readonly DefaultMetaContract _default = new();
    private readonly NftMetadataContract _nftMetadata = new();

    public NativeMetaContractResolver(IReadOnlyDictionary<string, string>? implementations = null)
    {
        _implementations = implementations ?? new Dictionary<string, string>();
        foreach (string name in _implementations.Values)
        {
            if (name is not DefaultMetaContract.Name and not NftMetadataContract.Name)
            {
                throw new ArgumentException($"unknown native meta contract '{name}' (known: {DefaultMetaContract.Name}, {NftMetadataContract.Name})", nameof(implementations));
            }
        }
    }

    public IMetaContract? Resolve(MetaContractBinding contract, string? registryId)
    {
        ArgumentNullException.ThrowIfNull(contract);
        if (_implementations.TryGetValue(contract.MetaContractId, out string? name))
        {
            return name == NftMetadataContract.Name ? _nftMetadata : _default;
        }

        return registryId == NftMetadataContract.RegistryOwner ? _nftMetadata : _default;
    }
}
