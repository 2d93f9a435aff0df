// SPDX-License-Identifier: Apache-2.0

using System.Text.Json;
using Lineage.Metadata.Keys;
using Lineage.Metadata.Model;
using Lineage.Metadata.Signing;
using Lineage.Metadata.Storage;

namespace Lineage.Metadata.Service;

public sealed partial class TransactionService
{
    /// <inheritdoc/>
    public async Task<PublishResult> PublishAsync(TransactionRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        IReadOnlyList<PublishResult> results = await PublishBatchAsync([request], cancellationToken).ConfigureAwait(false);
        return results[0];
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<PublishResult>> PublishBatchAsync(IReadOnlyList<TransactionRequest> requests, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(requests);
        if (requests.Count == 0)
        {
            return Task.FromResult<IReadOnlyList<PublishResult>>([]);
        }

        // State-independent checks (signatures above all) run here, on the caller's thread.
        var prepared = new PreparedRequest[requests.Count];
        for (int i = 0; i < requests.Count; i++)
        {
            prepared[i] = Prepare(requests[i]);
        }

        return EnqueueAsync<IReadOnlyList<PublishResult>>(async (session, ct) =>
        {
            var results = new PublishResult[prepared.Length];
            for (int i = 0; i < prepared.Length; i++)
            {
                results[i] = await AcceptAndExecuteAsync(session, prepared[i], ct).ConfigureAwait(false);
            }

            return results;
        }, cancellationToken);
    }

    private static TransactionRequest Normalize(TransactionRequest? request) => new()
    {
        MetaContractId = request?.MetaContractId ?? string.Empty,
        Alias = request?.Alias ?? string.Empty,
        PublicKey = request?.PublicKey ?? string.Empty,
        Signature = request?.Signature ?? string.Empty,
        Data = request?.Data ?? string.Empty,
        Method = request?.Method ?? string.Empty,
        ChainId = request?.ChainId ?? string.Empty,
        TokenAddress = request?.TokenAddress ?? string.Empty,
        TokenId = request?.TokenId ?? string.Empty,
        Version = request?.Version ?? string.Empty,
        Mcdata = request?.Mcdata ?? string.Empty,
    };

    private PreparedRequest Prepare(TransactionRequest raw)
    {
        TransactionRequest request = Normalize(raw);
        string tokenKey = request.ChainId.Length > 0 && request.TokenAddress.Length > 0
            ? LineageKeys.TokenKey(request.ChainId, request.TokenAddress) : string.Empty;
        string dataKey = tokenKey.Length > 0 && request.TokenId.Length > 0
            ? LineageKeys.DataKey(request.ChainId, request.TokenAddress, request.TokenId) : string.Empty;
        string metaContractId = request.MetaContractId;
        ContractData? contract = null;
        CloneData? clone = null;
        CronData? cron = null;
        string? error = null;

        switch (request.Method)
        {
            case TransactionMethods.Metadata:
                if (metaContractId.Length == 0)
                {
                    error = "metadata: meta_contract_id is required";
                }
                else if (dataKey.Length == 0)
                {
                    error = "metadata: chain_id, token_address and token_id are required";
                }

                break;
            case TransactionMethods.Contract:
                contract = ParseData(request.Data, LineageJsonContext.Default.ContractData, out error);
                if (contract is not null)
                {
                    metaContractId = contract.MetaContractId ?? string.Empty;
                    if (metaContractId.Length == 0)
                    {
                        error = "contract: data.meta_contract_id is required";
                    }
                }

                break;
            case TransactionMethods.Clone:
                clone = ParseData(request.Data, LineageJsonContext.Default.CloneData, out error);
                if (clone is not null && dataKey.Length == 0)
                {
                    error = "clone: chain_id, token_address and token_id of the new token are required";
                }

                break;
            case TransactionMethods.Cron:
                cron = ParseData(request.Data, LineageJsonContext.Default.CronData, out error);
                break;
            default:
                error = $"invalid method: '{request.Method}' (expected metadata, contract, clone or cron)";
                break;
        }

        if (error is null && SignatureVerifier.GetKeyType(request.PublicKey) == KeyType.None)
        {
            error = "missing public_key";
        }

        string? strictPrevious = null;
        if (error is null && _options.StrictSigning)
        {
            error = StrictSigning.Check(request, metaContractId, out strictPrevious);
        }

        if (error is null)
        {
            string? signatureError = SignatureVerifier.Verify(request.PublicKey, request.Signature, request.Data);
            if (signatureError is not null)
            {
                error = "invalid signature: " + signatureError;
            }
        }

        return new PreparedRequest(request, metaContractId, tokenKey, dataKey, error, contract, clone, cron, strictPrevious);
    }

    private static T? ParseData<T>(string data, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> typeInfo, out string? error)
        where T : class
    {
        try
        {
            T? value = JsonSerializer.Deserialize(data, typeInfo);
            error = value is null ? "invalid data format for the method: data is null" : null;
            return value;
        }
        catch (JsonException ex)
        {
            error = "invalid data format for the method: " + ex.Message;
            return null;
        }
    }

    private async ValueTask<PublishResult> AcceptAndExecuteAsync(ILineageWriteSession session, PreparedRequest prepared, CancellationToken cancellationToken)
    {
        TransactionRequest request = prepared.Request;
        string previousContent = string.Empty;
        if (request.Method == TransactionMethods.Metadata && prepared.Error is null)
        {
            MetadataRecord? row = session.GetMetadata(LineageKeys.MetadataHash(
                prepared.DataKey, prepared.MetaContractId, request.Alias, request.PublicKey, request.Version));
            previousContent = row?.Cid ?? string.Empty;
        }

        string hash = LineageKeys.TransactionHash(prepared.MetaContractId, prepared.TokenKey, prepared.DataKey, request.Data,
            request.PublicKey, request.Alias, request.Method, request.Version, request.Mcdata, previousContent);
        string? error = prepared.Error ?? CheckState(session, prepared, previousContent);
        long now = Now();
        var transaction = new Transaction
        {
            Hash = hash,
            Method = request.Method,
            MetaContractId = prepared.MetaContractId,
            DataKey = prepared.DataKey,
            TokenKey = prepared.TokenKey,
            Data = request.Data,
            PublicKey = request.PublicKey,
            Alias = request.Alias,
            Timestamp = now,
            ChainId = request.ChainId,
            TokenAddress = request.TokenAddress,
            TokenId = request.TokenId,
            Version = request.Version,
            Status = error is null ? TransactionStatus.Pending : TransactionStatus.Failed,
            Mcdata = request.Mcdata,
        };

        Transaction? existing = session.GetTransaction(hash);
        if (existing is not null)
        {
            // Identical request. Only a failed one may be retried by a request that now passes the checks, so a
            // badly signed copy cannot block the genuine transaction.
            if (existing.Status != TransactionStatus.Failed || error is not null)
            {
                return new PublishResult { TransactionHash = hash, Duplicate = true };
            }

            session.ReplaceTransaction(transaction);
        }
        else
        {
            session.InsertTransaction(transaction);
        }

        if (error is not null)
        {
            Log.Rejected(_logger, hash, request.Method, error);
            RecordReceipt(session, new TransactionReceipt
            {
                Hash = hash,
                MetaContractId = prepared.MetaContractId,
                Status = ReceiptStatus.Failed,
                Timestamp = now,
                ErrorText = error,
            });
            return new PublishResult { TransactionHash = hash };
        }

        Log.Accepted(_logger, hash, request.Method);
        await ExecuteAsync(session, transaction, cancellationToken).ConfigureAwait(false);
        return new PublishResult { TransactionHash = hash };
    }
}
