// SPDX-License-Identifier: Apache-2.0

using Lineage.Metadata.Model;

namespace Lineage.Metadata.Contracts;

/// <summary>Finds the implementation behind a bound meta contract (native today, Wasm later).</summary>
public interface IMetaContractResolver
{
    /// <summary>
    /// The implementation of <paramref name="contract"/>; <paramref name="registryId"/> is set when the contract is
    /// reached through a registry slot (e.g. <c>0x01</c>). Null when no implementation is available.
    /// </summary>
    IMetaContract? Resolve(MetaContractBinding contract, string? registryId);
}
