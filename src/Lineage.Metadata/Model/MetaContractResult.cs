// SPDX-License-Identifier: Apache-2.0

using System.Text.Json.Serialization;

namespace Lineage.Metadata.Model;

/// <summary>What a meta-contract hook returns: accept (with rows to write) or reject with a reason.</summary>
public sealed record MetaContractResult
{
    /// <summary>True to accept.</summary>
    [JsonPropertyName("result")]
    public bool Result { get; init; }

    /// <summary>Rows to write.</summary>
    [JsonPropertyName("metadatas")]
    public IReadOnlyList<FinalMetadata> Metadatas { get; init; } = [];

    /// <summary>Why the contract rejected.</summary>
    [JsonPropertyName("error_string")]
    public string ErrorString { get; init; } = "";

    /// <summary>An accepting result with the given rows.</summary>
    public static MetaContractResult Accept(IReadOnlyList<FinalMetadata> metadatas) => new() { Result = true, Metadatas = metadatas };

    /// <summary>A rejecting result.</summary>
    public static MetaContractResult Reject(string reason) => new() { Result = false, ErrorString = reason };
}
