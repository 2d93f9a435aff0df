// SPDX-License-Identifier: Apache-2.0

using System.Text.Json.Serialization;

namespace Lineage.Client.Model;

/// <summary>Answer of <c>publish</c>: the transaction hash (and <c>duplicate</c> for an identical resubmission).</summary>
public sealed record PublishResult
{
    [JsonPropertyName("transaction_hash")]
    public string TransactionHash { get; init; } = "";

    [JsonPropertyName("duplicate")]
    public bool Duplicate { get; init; }
}
