// SPDX-License-Identifier: Apache-2.0

using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Lineage.Metadata.Model;
using Lineage.Metadata.Queries;
using Lineage.Metadata.Service;

namespace Lineage.Node.JsonRpc;

/// <summary>
/// The reference gateway's 31 methods (plus the <c>wait_transaction_receipt</c> extension) (<c>lineage-protocol.md</c> §15.1) bound to <see cref="ITransactionService"/>,
/// with the reference's parameter forms: positional arrays, except <c>publish</c> (the request object),
/// <c>publish_batch</c> (an array of requests) and the filter methods (<c>{query, ordering, from, to}</c>).
/// </summary>
internal static class LineageRpcMethods
{
    private const long DefaultReceiptWaitMs = 30_000;
    private const long MaxReceiptWaitMs = 60_000;

    /// <summary>Serializer options for requests and results: the domain's source-generated contract first.</summary>
    public static JsonSerializerOptions CreateSerializerOptions() => new(JsonSerializerDefaults.General)
    {
        TypeInfoResolver = JsonTypeInfoResolver.Combine(LineageJsonContext.Default, new DefaultJsonTypeInfoResolver()),
    };

    /// <summary>Builds the method table.</summary>
    /// <param name="service">The domain facade.</param>
    /// <param name="serializerOptions">Options from <see cref="CreateSerializerOptions"/>.</param>
    /// <param name="allowInternalWrites">
    /// Expose <c>send_cron_tx</c>, an unsigned internal write (reference defect D14). Off by default: the method then
    /// answers <see cref="JsonRpcErrorCode.MethodDisabled"/> and nothing is written.
    /// </param>
    /// <param name="onPublished">Called with each accepted transaction hash (logging).</param>
    public static Dictionary<string, JsonRpcMethod> Create(
        ITransactionService service,
        JsonSerializerOptions serializerOptions,
        bool allowInternalWrites,
        Action<string> onPublished)
    {
        var methods = new Dictionary<string, JsonRpcMethod>(StringComparer.Ordinal)
        {
            ["publish"] = async (p, ct) =>
            {
                TransactionRequest request = p.Deserialize<TransactionRequest>(p.SingleObject("TransactionRequest"), "TransactionRequest", serializerOptions);
                PublishResult result = await service.PublishAsync(request, ct).ConfigureAwait(false);
                onPublished(result.TransactionHash);
                return result;
            },
            ["publish_batch"] = async (p, ct) =>
            {
                IReadOnlyList<JsonElement> items = p.ObjectList("TransactionRequest");
                var requests = new List<TransactionRequest>(items.Count);
                for (int i = 0; i < items.Count; i++)
                {
                    requests.Add(p.Deserialize<TransactionRequest>(items[i], $"TransactionRequest {i}", serializerOptions));
                }

                IReadOnlyList<PublishResult> results = await service.PublishBatchAsync(requests, ct).ConfigureAwait(false);
                foreach (PublishResult result in results)
                {
                    onPublished(result.TransactionHash);
                }

                return results;
            },
            ["get_transaction"] = async (p, ct) =>
            {
                p.RequirePositional(1, 1);
                return await service.GetTransactionAsync(p.String(0, "hash"), ct).ConfigureAwait(false);
            },
            ["get_transactions"] = async (p, ct) =>
                await service.GetTransactionsAsync(Filter(p, serializerOptions), ct).ConfigureAwait(false),
            ["get_pending_transactions"] = async (p, ct) =>
            {
                p.RequirePositional(0, 0);
                return await service.GetPendingTransactionsAsync(ct).ConfigureAwait(false);
            },
            ["get_complete_transactions"] = async (p, ct) =>
            {
                p.RequirePositional(2, 2);
                return await service.GetCompleteTransactionsAsync(p.Int64(0, "from"), p.Int64(1, "to"), ct).ConfigureAwait(false);
            },
            ["get_transaction_receipt"] = async (p, ct) =>
            {
                p.RequirePositional(1, 1);
                return await service.GetTransactionReceiptAsync(p.String(0, "hash"), ct).ConfigureAwait(false);
            },

            // Lineage extension (not in the reference): long-poll for a receipt instead of polling every few seconds.
            // [hash, timeout_ms?]; answers like get_transaction_receipt, success = false when the wait times out.
            ["wait_transaction_receipt"] = async (p, ct) =>
            {
                int count = p.RequirePositional(1, 2);
                string hash = p.String(0, "hash");
                long timeoutMs = count > 1 ? p.Int64(1, "timeout_ms", minimum: 0) : DefaultReceiptWaitMs;

                // Wait only for transactions that exist, so unknown hashes cannot pile up waiters.
                TransactionResult known = await service.GetTransactionAsync(hash, ct).ConfigureAwait(false);
                if (!known.Success)
                {
                    return new TransactionReceiptResult { Success = false, ErrMsg = $"no transaction {hash}" };
                }

                using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
                deadline.CancelAfter(TimeSpan.FromMilliseconds(Math.Min(timeoutMs, MaxReceiptWaitMs)));
                try
                {
                    TransactionReceipt receipt = await service.WaitForReceiptAsync(hash, deadline.Token).ConfigureAwait(false);
                    return new TransactionReceiptResult { Success = true, Receipt = receipt };
                }
                catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                {
                    return new TransactionReceiptResult { Success = false, ErrMsg = $"no receipt for {hash} within {timeoutMs} ms" };
                }
            },
            ["get_metadata"] = async (p, ct) =>
            {
                p.RequirePositional(5, 5);
                return await service.GetMetadataAsync(
                    p.String(0, "data_key"), p.String(1, "meta_contract_id"), p.String(2, "public_key"), p.String(3, "alias"), p.String(4, "version"), ct).ConfigureAwait(false);
            },
            ["get_metadata_with_history"] = async (p, ct) =>
            {
                p.RequirePositional(5, 5);
                return await service.GetMetadataWithHistoryAsync(
                    p.String(0, "data_key"), p.String(1, "meta_contract_id"), p.String(2, "public_key"), p.String(3, "alias"), p.String(4, "version"), ct).ConfigureAwait(false);
            },
            ["get_metadatas"] = async (p, ct) =>
            {
                p.RequirePositional(2, 2);
                return await service.GetMetadatasAsync(p.String(0, "data_key"), p.String(1, "version"), ct).ConfigureAwait(false);
            },
            ["get_metadatas_count"] = async (p, ct) =>
            {
                p.RequirePositional(2, 2);
                return await service.GetMetadatasCountAsync(p.String(0, "data_key"), p.String(1, "version"), ct).ConfigureAwait(false);
            },
            ["get_metadatas_all_version"] = async (p, ct) =>
            {
                p.RequirePositional(1, 1);
                return await service.GetMetadatasAllVersionAsync(p.String(0, "data_key"), ct).ConfigureAwait(false);
            },
            ["get_metadatas_by_block"] = async (p, ct) =>
            {
                p.RequirePositional(3, 3);
                return await service.GetMetadatasByBlockAsync(p.String(0, "data_key"), p.String(1, "meta_contract_id"), p.String(2, "version"), ct).ConfigureAwait(false);
            },
            ["get_metadatas_by_tokenkey"] = async (p, ct) =>
            {
                p.RequirePositional(3, 3);
                return await service.GetMetadatasByTokenKeyAsync(p.String(0, "token_key"), p.String(1, "token_id"), p.String(2, "version"), ct).ConfigureAwait(false);
            },
            ["search_metadatas"] = async (p, ct) =>
                await service.SearchMetadatasAsync(Filter(p, serializerOptions), ct).ConfigureAwait(false),
            ["search_metadatas_count"] = async (p, ct) =>
                await service.SearchMetadatasCountAsync(Filter(p, serializerOptions), ct).ConfigureAwait(false),
            ["get_meta_contract"] = async (p, ct) =>
            {
                p.RequirePositional(1, 1);
                return await service.GetMetaContractAsync(p.String(0, "token_key"), ct).ConfigureAwait(false);
            },
            ["get_meta_contract_by_id"] = async (p, ct) =>
            {
                p.RequirePositional(1, 1);
                return await service.GetMetaContractByIdAsync(p.String(0, "meta_contract_id"), ct).ConfigureAwait(false);
            },
            ["get_active_crons"] = async (p, ct) =>
            {
                p.RequirePositional(0, 0);
                return await service.GetActiveCronsAsync(ct).ConfigureAwait(false);
            },
            ["get_all_crons"] = async (p, ct) =>
            {
                p.RequirePositional(0, 0);
                return await service.GetAllCronsAsync(ct).ConfigureAwait(false);
            },
            ["get_all_cron_txs"] = async (p, ct) =>
            {
                p.RequirePositional(0, 0);
                return await service.GetAllCronTxsAsync(ct).ConfigureAwait(false);
            },
            ["get_cron_tx_by_tx_hash"] = async (p, ct) =>
            {
                p.RequirePositional(4, 4);
                return await service.GetCronTxByTxHashAsync(p.String(0, "tx_hash"), p.String(1, "address"), p.String(2, "chain"), p.String(3, "topic"), ct).ConfigureAwait(false);
            },
            ["search_cron_tx"] = async (p, ct) =>
            {
                p.RequirePositional(3, 3);
                return await service.SearchCronTxAsync(p.String(0, "address"), p.String(1, "chain"), p.String(2, "topic"), ct).ConfigureAwait(false);
            },
            ["get_cron_tx_latest_block"] = async (p, ct) =>
            {
                p.RequirePositional(3, 3);
                return await service.GetCronTxLatestBlockAsync(p.String(0, "address"), p.String(1, "chain"), p.String(2, "topic"), ct).ConfigureAwait(false);
            },
            ["get_cron_latest_block"] = async (p, ct) =>
            {
                p.RequirePositional(1, 1);
                return await service.GetCronLatestBlockAsync(p.String(0, "hash"), ct).ConfigureAwait(false);
            },
            ["send_cron_tx"] = async (p, ct) =>
            {
                if (!allowInternalWrites)
                {
                    throw new JsonRpcException(
                        JsonRpcErrorCode.MethodDisabled,
                        "send_cron_tx is an unsigned internal write of the cron follower and is disabled on this gateway");
                }

                p.RequirePositional(5, 5);
                return await service.SendCronTxAsync(
                    p.String(0, "hash"), p.String(1, "data"), (ulong)p.Int64(2, "tx_block_number", minimum: 0), p.String(3, "tx_hash"), p.String(4, "token_id"), ct).ConfigureAwait(false);
            },
            ["deserialize_fork"] = (p, _) =>
            {
                p.RequirePositional(1, 1);
                return Task.FromResult<object?>(service.DeserializeFork(p.String(0, "data")));
            },
            ["get_node_clock"] = (p, _) =>
            {
                p.RequirePositional(0, 0);
                return Task.FromResult<object?>(service.GetNodeClock());
            },
            ["generate_token_key"] = (p, _) =>
            {
                p.RequirePositional(2, 2);
                return Task.FromResult<object?>(service.GenerateTokenKey(p.String(0, "chain_id"), p.String(1, "token_address")));
            },
            ["generate_data_key"] = (p, _) =>
            {
                p.RequirePositional(3, 3);
                return Task.FromResult<object?>(service.GenerateDataKey(p.String(0, "chain_id"), p.String(1, "token_address"), p.String(2, "token_id")));
            },
            ["ipfs_get"] = async (p, ct) =>
            {
                p.RequirePositional(1, 1);
                return await service.IpfsGetAsync(p.String(0, "cid"), ct).ConfigureAwait(false);
            },
        };
        return methods;
    }

    private static SearchFilter Filter(JsonRpcParams p, JsonSerializerOptions options)
    {
        if (!p.IsPresent)
        {
            return new SearchFilter();
        }

        return p.Deserialize<SearchFilter>(p.SingleObject("filter {query, ordering, from, to}"), "filter", options);
    }
}
