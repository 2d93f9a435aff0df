// SPDX-License-Identifier: Apache-2.0

using System.Text.Json.Serialization;

namespace Lineage.Metadata.Model;

/// <summary>Result of <c>publish</c> (reference <c>FdbResult</c>).</summary>
public sealed record PublishResult
{
    [JsonPropertyName("transaction_hash")]
    public string TransactionHash { get; init; } = "";

    /// <summary>
    /// True when an identical transaction already existed (nothing new was recorded; reference defect D13).
    /// Serialised only when true, so the reference shape is unchanged for new transactions.
    /// </summary>
    [JsonPropertyName("duplicate")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool Duplicate { get; init; }
}
