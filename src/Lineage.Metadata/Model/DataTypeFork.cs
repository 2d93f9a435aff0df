// SPDX-License-Identifier: Apache-2.0

using System.Text.Json.Serialization;

namespace Lineage.Metadata.Model;

/// <summary>Result of <c>deserialize_fork</c>: a decoded mint event.</summary>
public sealed record DataTypeFork
{
    [JsonPropertyName("data")]
    public string Data { get; init; } = "";

    [JsonPropertyName("token_id")]
    public string TokenId { get; init; } = "";

    [JsonPropertyName("address")]
    public string Address { get; init; } = "";
}
