// SPDX-License-Identifier: Apache-2.0

using System.Text.Json.Serialization;

namespace Lineage.Metadata.Model;

/// <summary>A processed mint event (table <c>cron_tx</c>), unique per (address, chain, topic, tx_hash).</summary>
public sealed record CronTxRecord
{
    [JsonPropertyName("hash")]
    public string Hash { get; init; } = "";

    [JsonPropertyName("address")]
    public string Address { get; init; } = "";

    [JsonPropertyName("token_type")]
    public string TokenType { get; init; } = "";

    [JsonPropertyName("chain")]
    public string Chain { get; init; } = "";

    [JsonPropertyName("topic")]
    public string Topic { get; init; } = "";

    [JsonPropertyName("meta_contract_id")]
    public string MetaContractId { get; init; } = "";

    [JsonPropertyName("timestamp")]
    public long Timestamp { get; init; }

    [JsonPropertyName("tx_block_number")]
    public long TxBlockNumber { get; init; }

    [JsonPropertyName("tx_hash")]
    public string TxHash { get; init; } = "";

    /// <summary>1 success, 2 failed.</summary>
    [JsonPropertyName("status")]
    public long Status { get; init; }

    [JsonPropertyName("data")]
    public string Data { get; init; } = "";

    [JsonPropertyName("error_text")]
    public string ErrorText { get; init; } = "";

    [JsonPropertyName("token_id")]
    public string TokenId { get; init; } = "";

    [JsonPropertyName("data_key")]
    public string DataKey { get; init; } = "";

    [JsonPropertyName("token_key")]
    public string TokenKey { get; init; } = "";
}
