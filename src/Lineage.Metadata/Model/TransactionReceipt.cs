// SPDX-License-Identifier: Apache-2.0

using System.Text.Json.Serialization;

namespace Lineage.Metadata.Model;

/// <summary>Outcome of a transaction (table <c>transaction_receipt</c>). Status 1 success, 2 failed.</summary>
public sealed record TransactionReceipt
{
    [JsonPropertyName("hash")]
    public string Hash { get; init; } = "";

    [JsonPropertyName("meta_contract_id")]
    public string MetaContractId { get; init; } = "";

    /// <summary><see cref="ReceiptStatus"/>.</summary>
    [JsonPropertyName("status")]
    public long Status { get; init; }

    [JsonPropertyName("timestamp")]
    public long Timestamp { get; init; }

    /// <summary>Why the transaction failed; empty on success.</summary>
    [JsonPropertyName("error_text")]
    public string ErrorText { get; init; } = "";

    /// <summary>Method-specific result data (the clone request for clones).</summary>
    [JsonPropertyName("data")]
    public string Data { get; init; } = "";
}
