// SPDX-License-Identifier: Apache-2.0

using System.Text.Json.Serialization;

namespace Lineage.Metadata.Model;

/// <summary>A mint watcher registration (table <c>cron</c>).</summary>
public sealed record CronRecord
{
    /// <summary>base58(sha256(chain + address + topic)).</summary>
    [JsonPropertyName("hash")]
    public string Hash { get; init; } = "";

    [JsonPropertyName("token_key")]
    public string TokenKey { get; init; } = "";

    [JsonPropertyName("address")]
    public string Address { get; init; } = "";

    /// <summary><c>erc721</c> or <c>erc1155</c>.</summary>
    [JsonPropertyName("token_type")]
    public string TokenType { get; init; } = "";

    [JsonPropertyName("chain")]
    public string Chain { get; init; } = "";

    [JsonPropertyName("topic")]
    public string Topic { get; init; } = "";

    /// <summary>1 enabled, 0 disabled.</summary>
    [JsonPropertyName("status")]
    public long Status { get; init; }

    [JsonPropertyName("meta_contract_id")]
    public string MetaContractId { get; init; } = "";

    /// <summary>EVM JSON-RPC endpoint supplied by the creator.</summary>
    [JsonPropertyName("node_url")]
    public string NodeUrl { get; init; } = "";

    [JsonPropertyName("last_processed_block")]
    public long LastProcessedBlock { get; init; }

    /// <summary>Creator; only this key may update the cron.</summary>
    [JsonPropertyName("public_key")]
    public string PublicKey { get; init; } = "";

    [JsonPropertyName("abi_url")]
    public string AbiUrl { get; init; } = "";
}
