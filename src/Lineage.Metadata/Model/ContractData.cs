// SPDX-License-Identifier: Apache-2.0

using System.Text.Json.Serialization;

namespace Lineage.Metadata.Model;

/// <summary>The <c>data</c> of a <c>contract</c> transaction.</summary>
public sealed record ContractData
{
    [JsonPropertyName("is_registry")]
    public bool IsRegistry { get; init; }

    [JsonPropertyName("registry_id")]
    public string RegistryId { get; init; } = "";

    [JsonPropertyName("registry_name")]
    public string RegistryName { get; init; } = "";

    [JsonPropertyName("meta_contract_id")]
    public string MetaContractId { get; init; } = "";

    [JsonPropertyName("migrate_from")]
    public string MigrateFrom { get; init; } = "";
}
