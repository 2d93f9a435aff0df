// SPDX-License-Identifier: Apache-2.0

using System.Text.Json.Serialization;

namespace Lineage.Client.Model;

/// <summary>Answer of <c>get_transaction_receipt</c>.</summary>
public sealed record TransactionReceiptResult
{
    [JsonPropertyName("success")]
    public bool Success { get; init; }

    [JsonPropertyName("err_msg")]
    public string ErrMsg { get; init; } = "";

    [JsonPropertyName("receipt")]
    public TransactionReceipt? Receipt { get; init; }
}
