// SPDX-License-Identifier: Apache-2.0

using System.Text.Json;
using Lineage.Metadata.Model;

namespace Lineage.Metadata.Contracts;

/// <summary>
/// The reference "default" meta contract ([MCD], §13.3): a metadata transaction is written as one field under the
/// signer (<c>public_key</c>, <c>alias</c>, <c>data</c>, <c>version</c>; <c>loose</c> from <c>mcdata</c>, default 1);
/// clones are allowed; a mint writes <c>name</c>, <c>description</c> and <c>image</c> under the contract's owner.
/// </summary>
public sealed class DefaultMetaContract : IMetaContract
{
    /// <summary>Implementation name used in <see cref="Service.TransactionServiceOptions.ContractImplementations"/>.</summary>
    public const string Name = "default";

    public ValueTask<MetaContractResult> OnExecuteAsync(MetaContractBinding contract, IReadOnlyList<MetadataRecord> metadatas, Transaction transaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        return ValueTask.FromResult(MetaContractResult.Accept(
        [
            new FinalMetadata
            {
                PublicKey = transaction.PublicKey,
                Alias = transaction.Alias,
                Content = transaction.Data,
                Version = transaction.Version,
                Loose = ReadLoose(transaction.Mcdata),
            },
        ]));
    }

    public ValueTask<MetaContractResult> OnMintAsync(MetaContractBinding contract, string dataKey, string tokenId, string dataHex, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(contract);
        string hex = dataHex ?? string.Empty;
        if (hex.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            hex = hex[2..];
        }

        if (hex.Length % 2 != 0 || !hex.All(char.IsAsciiHexDigit))
        {
            return ValueTask.FromResult(MetaContractResult.Reject("Invalid data structure: mint data is not hex"));
        }

        return ValueTask.FromResult(MetaContractResult.Accept(
        [
            new FinalMetadata { PublicKey = contract.PublicKey, Alias = "name", Content = $"Collabeat #{tokenId}", Loose = 1 },
            new FinalMetadata { PublicKey = contract.PublicKey, Alias = "description", Content = "Co-Create, Collaborate and Own The Beat", Loose = 1 },
            new FinalMetadata { PublicKey = contract.PublicKey, Alias = "image", Content = "ipfs://bafkreighs4ragor6ricmcqc6yz73jdd5uo3aalwdcidl3psanpeoprplxm", Loose = 1 },
        ]));
    }

    public ValueTask<MetaContractResult> OnPostMintAsync(IReadOnlyList<FinalMetadata> metadatas, MetaContractBinding contract, string dataKey, string tokenAddress, string chain, string tokenId, CancellationToken cancellationToken) =>
        ValueTask.FromResult(MetaContractResult.Accept(metadatas ?? []));

    public ValueTask<bool> OnCloneAsync(CancellationToken cancellationToken) => ValueTask.FromResult(true);

    /// <summary><c>loose</c> from <c>{"loose": n}</c>; 1 when absent or unreadable (as the reference).</summary>
    public static long ReadLoose(string? mcdata)
    {
        if (string.IsNullOrWhiteSpace(mcdata))
        {
            return 1;
        }

        try
        {
            using JsonDocument document = JsonDocument.Parse(mcdata);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("loose", out JsonElement loose)
                && loose.ValueKind == JsonValueKind.Number
                && loose.TryGetInt64(out long value)
                && value == 0 ? 0 : 1;
        }
        catch (JsonException)
        {
            return 1;
        }
    }
}
