// SPDX-License-Identifier: Apache-2.0

using System.Text.Json.Serialization;

namespace Lineage.Metadata.Model;

/// <summary>Reference <c>FdbTransactionsResult</c>.</summary>
public sealed record TransactionsResult
{
    [JsonPropertyName("success")]
    public bool Success { get; init; }

    [JsonPropertyName("err_msg")]
    public string ErrMsg { get; init; } = "";

    [JsonPropertyName("transactions")]
    public IReadOnlyList<Transaction> Transactions { get; init; } = [];
}
