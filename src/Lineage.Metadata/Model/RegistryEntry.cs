// SPDX-License-Identifier: Apache-2.0

using System.Text.Json.Serialization;

namespace Lineage.Metadata.Model;

/// <summary>A registry slot (table <c>registry</c>): a stable id such as <c>0x01</c> pointing at a meta contract.</summary>
public sealed record RegistryEntry
{
    [JsonPropertyName("registry_id")]
    public string RegistryId { get; init; } = "";

    [JsonPropertyName("registry_name")]
    public string RegistryName { get; init; } = "";

    [JsonPropertyName("meta_contract_id")]
    public string MetaContractId { get; init; } = "";

    [JsonPropertyName("public_key")]
    public string PublicKey { get; init; } = "";
}
