// SPDX-License-Identifier: Apache-2.0

using System.Text.Json.Serialization;

namespace Lineage.Metadata.Model;

/// <summary>Reference <c>FdbMetaContractResult</c>.</summary>
public sealed record MetaContractLookupResult
{
    [JsonPropertyName("success")]
    public bool Success { get; init; }

    [JsonPropertyName("err_msg")]
    public string ErrMsg { get; init; } = "";

    [JsonPropertyName("meta")]
    public MetaContractBinding? Meta { get; init; }
}
