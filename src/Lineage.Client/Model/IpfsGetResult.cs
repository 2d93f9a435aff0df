// SPDX-License-Identifier: Apache-2.0

using System.Text.Json.Serialization;

namespace Lineage.Client.Model;

/// <summary>Answer of <c>ipfs_get</c>: a DAG block as dag-json text.</summary>
public sealed record IpfsGetResult
{
    [JsonPropertyName("success")]
    public bool Success { get; init; }

    [JsonPropertyName("error")]
    public string Error { get; init; } = "";

    [JsonPropertyName("content")]
    public string Content { get; init; } = "";
}
