// SPDX-License-Identifier: Apache-2.0

namespace Lineage.Metadata.Service;

/// <summary>Behaviour switches of <see cref="ITransactionService"/>.</summary>
public sealed record TransactionServiceOptions
{
    /// <summary>
    /// Strict signing: <c>data</c> must be a JSON object whose <c>lineage_target</c> member names the target
    /// (method, chain_id, token_address, token_id, alias, version, meta_contract_id, optional previous CID) and it
    /// must match the request. See docs/security-replay.md. Off by default (reference-compatible).
    /// </summary>
    public bool StrictSigning { get; init; }

    /// <summary>
    /// Restrict the owners a meta contract may write rows under (defect D9): the signer, the contract id the rows
    /// are stored under, and the contract's binder. On by default.
    /// </summary>
    public bool RestrictContractOwners { get; init; } = true;

    /// <summary>Serve registry id <c>0x01</c> with the built-in NFT metadata contract until a registry row claims it.</summary>
    public bool BuiltInRegistry01 { get; init; } = true;

    /// <summary>
    /// Native implementation per meta contract id (values: <c>default</c>, <c>nft-metadata</c>). Contracts not listed
    /// use <c>default</c>; registry <c>0x01</c>'s contract uses <c>nft-metadata</c>.
    /// </summary>
    public IReadOnlyDictionary<string, string> ContractImplementations { get; init; } = new Dictionary<string, string>();

    /// <summary>Largest number of publishes committed in one group commit.</summary>
    public int MaxBatchSize { get; init; } = 512;
}
