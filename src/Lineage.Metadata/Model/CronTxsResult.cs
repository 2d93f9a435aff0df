// SPDX-License-Identifier: Apache-2.0

using System.Text.Json.Serialization;

namespace Lineage.Metadata.Model;

/// <summary>Reference <c>FdbCronTxsResult</c>.</summary>
public sealed record CronTxsResult
{
    [JsonPropertyName("success")]
    public bool Success { get; init; }

    [JsonPropertyName("err_msg")]
    public string ErrMsg { get; init; } = "";

    [JsonPropertyName("cron_txs")]
    public IReadOnlyList<CronTxRecord> CronTxs { get; init; } = [];
}
