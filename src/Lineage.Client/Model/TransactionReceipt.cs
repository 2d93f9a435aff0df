// SPDX-License-Identifier: Apache-2.0

using System.Text.Json.Serialization;

namespace Lineage.Client.Model;

/// <summary>Outcome of a transaction: status 1 = success, 2 = failed (<see cref="ErrorText"/> says why).</summary>
public sealed record TransactionReceipt
{
    [JsonPropertyName("hash")]
    public string Hash { get; init; } = "";

    [JsonPropertyName("meta_contract_id")]
    public string MetaContractId { get; init; } = "";

    [JsonPropertyName("status")]
    public long Status { get; init; }

    [JsonPropertyName("timestamp")]
    public long Timestamp { get; init; }

    [JsonPropertyName("error_text")]
    public string ErrorText { get; init; } = "";

    [JsonPropertyName("data")]
    public string Data { get; init; } = "";
}
