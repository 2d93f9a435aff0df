// SPDX-License-Identifier: Apache-2.0

using System.Text.Json;
using Lineage.Core.Cbor;
using Lineage.Core.DagJson;
using Lineage.Core.Multiformats;
using Lineage.Metadata.Dag;
using Lineage.Metadata.Keys;
using Lineage.Metadata.Model;
using Lineage.Metadata.Queries;
using Lineage.Metadata.Storage;

namespace Lineage.Metadata.Service;

public sealed partial class TransactionService
{
    /// <summary>Longest history walked (a guard against corrupted stores).</summary>
    public const int MaxHistoryLength = 100_000;

    private T Read<T>(Func<ILineageReadSession, T> read, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using ILineageReadSession session = _store.OpenRead();
        return read(session);
    }

    private static string NotFound(string what, string key) => $"record not found: {what} {key}";

    public Task<TransactionResult> GetTransactionAsync(string hash, CancellationToken cancellationToken) => Task.FromResult(Read(session =>
    {
        Transaction? transaction = session.GetTransaction(hash ?? string.Empty);
        return transaction is null
            ? new TransactionResult { Success = false, ErrMsg = NotFound("transaction", hash ?? string.Empty) }
            : new TransactionResult { Success = true, Transaction = transaction };
    }, cancellationToken));

    public Task<TransactionsResult> GetTransactionsAsync(SearchFilter filter, CancellationToken cancellationToken)
    {
        ValidatedSearch search = SearchValidator.ForTransactions(filter);
        return Task.FromResult(Read(session => new TransactionsResult { Success = true, Transactions = session.SearchTransactions(search) }, cancellationToken));
    }

    public Task<TransactionsResult> GetPendingTransactionsAsync(CancellationToken cancellationToken) =>
        Task.FromResult(Read(session => new TransactionsResult { Success = true, Transactions = session.GetPendingTransactionsInOrder() }, cancellationToken));

    public Task<TransactionsResult> GetCompleteTransactionsAsync(long fromTimestamp, long toTimestamp, CancellationToken cancellationToken)
    {
        long to = toTimestamp == 0 ? Now() : toTimestamp;
        var search = new ValidatedSearch(
            [
                new ValidatedCondition("status", "=", TransactionStatus.Done.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                new ValidatedCondition("timestamp", ">=", fromTimestamp.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                new ValidatedCondition("timestamp", "<=", to.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ],
            [new ValidatedOrdering("timestamp", Descending: true)], 0, 0);
        return Task.FromResult(Read(session => new TransactionsResult { Success = true, Transactions = session.SearchTransactions(search) }, cancellationToken));
    }

    public Task<TransactionReceiptResult> GetTransactionReceiptAsync(string hash, CancellationToken cancellationToken) => Task.FromResult(Read(session =>
    {
        TransactionReceipt? receipt = session.GetReceipt(hash ?? string.Empty);
        return receipt is null
            ? new TransactionReceiptResult { Success = false, ErrMsg = NotFound("receipt", hash ?? string.Empty) }
            : new TransactionReceiptResult { Success = true, Receipt = receipt };
    }, cancellationToken));

    private static string RowHash(string dataKey, string metaContractId, string publicKey, string fieldAlias, string version) =>
        LineageKeys.MetadataHash(dataKey ?? string.Empty, metaContractId ?? string.Empty, fieldAlias ?? string.Empty, publicKey ?? string.Empty, version ?? string.Empty);

    public Task<MetadataResult> GetMetadataAsync(string dataKey, string metaContractId, string publicKey, string fieldAlias, string version, CancellationToken cancellationToken) =>
        Task.FromResult(Read(session =>
        {
            MetadataRecord? row = session.GetMetadata(RowHash(dataKey, metaContractId, publicKey, fieldAlias, version));
            return row is null
                ? new MetadataResult { Success = false, ErrMsg = NotFound("metadata", $"{dataKey} {metaContractId} {publicKey} {fieldAlias} {version}") }
                : new MetadataResult { Success = true, Metadata = row };
        }, cancellationToken));

    public Task<MetadataHistoryResult> GetMetadataWithHistoryAsync(string dataKey, string metaContractId, string publicKey, string fieldAlias, string version, CancellationToken cancellationToken) =>
        Task.FromResult(Read(session =>
        {
            MetadataRecord? row = session.GetMetadata(RowHash(dataKey, metaContractId, publicKey, fieldAlias, version));
            if (row is null)
            {
                return new MetadataHistoryResult { Success = false, ErrMsg = NotFound("metadata", $"{dataKey} {metaContractId} {publicKey} {fieldAlias} {version}") };
            }

            var blocks = new List<string>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            string? cid = row.Cid;
            while (!string.IsNullOrEmpty(cid) && blocks.Count < MaxHistoryLength && seen.Add(cid))
            {
                cancellationToken.ThrowIfCancellationRequested();
                byte[]? block = session.GetBlock(cid);
                if (block is null)
                {
                    return new MetadataHistoryResult { Success = false, ErrMsg = $"block {cid} is missing from the block store" };
                }

                blocks.Add(DagCborToJson.Convert(block));
                cid = DagBlock.ReadPrevious(block)?.ToString();
            }

            return new MetadataHistoryResult { Success = true, Metadata = blocks[0], History = blocks.Skip(1).ToList() };
        }, cancellationToken));

    private Task<MetadatasResult> Metadatas(ValidatedSearch search, CancellationToken cancellationToken) =>
        Task.FromResult(Read(session => new MetadatasResult { Success = true, Metadatas = session.SearchMetadatas(search) }, cancellationToken));

    public Task<MetadatasResult> GetMetadatasAsync(string dataKey, string version, CancellationToken cancellationToken) =>
        Metadatas(ValidatedSearch.Where(("data_key", dataKey ?? string.Empty), ("version", version ?? string.Empty)), cancellationToken);

    public Task<ulong> GetMetadatasCountAsync(string dataKey, string version, CancellationToken cancellationToken) =>
        Task.FromResult((ulong)Read(session => session.CountMetadatas(ValidatedSearch.Where(("data_key", dataKey ?? string.Empty), ("version", version ?? string.Empty))), cancellationToken));

    public Task<MetadatasResult> GetMetadatasAllVersionAsync(string dataKey, CancellationToken cancellationToken) =>
        Metadatas(ValidatedSearch.Where(("data_key", dataKey ?? string.Empty)), cancellationToken);

    public Task<MetadatasResult> GetMetadatasByBlockAsync(string dataKey, string metaContractId, string version, CancellationToken cancellationToken) =>
        Metadatas(ValidatedSearch.Where(("data_key", dataKey ?? string.Empty), ("meta_contract_id", metaContractId ?? string.Empty), ("version", version ?? string.Empty)), cancellationToken);

    public Task<MetadatasResult> GetMetadatasByTokenKeyAsync(string tokenKey, string tokenId, string version, CancellationToken cancellationToken) =>
        Metadatas(ValidatedSearch.Where(("token_key", tokenKey ?? string.Empty), ("token_id", tokenId ?? string.Empty), ("version", version ?? string.Empty)), cancellationToken);

    public Task<MetadatasResult> SearchMetadatasAsync(SearchFilter filter, CancellationToken cancellationToken) =>
        Metadatas(SearchValidator.ForMetadatas(filter), cancellationToken);

    public Task<ulong> SearchMetadatasCountAsync(SearchFilter filter, CancellationToken cancellationToken)
    {
        ValidatedSearch search = SearchValidator.ForMetadatas(filter);
        return Task.FromResult((ulong)Read(session => session.CountMetadatas(search), cancellationToken));
    }

    public Task<MetaContractLookupResult> GetMetaContractAsync(string tokenKey, CancellationToken cancellationToken) => Task.FromResult(Read(session =>
    {
        MetaContractBinding? binding = session.GetBindingByTokenKey(tokenKey ?? string.Empty);
        return binding is null
            ? new MetaContractLookupResult { Success = false, ErrMsg = NotFound("meta contract for token_key", tokenKey ?? string.Empty) }
            : new MetaContractLookupResult { Success = true, Meta = binding };
    }, cancellationToken));

    public Task<MetaContractLookupResult> GetMetaContractByIdAsync(string metaContractId, CancellationToken cancellationToken) => Task.FromResult(Read(session =>
    {
        MetaContractBinding? binding = session.GetBindingByContractId(metaContractId ?? string.Empty);
        return binding is null
            ? new MetaContractLookupResult { Success = false, ErrMsg = NotFound("meta contract", metaContractId ?? string.Empty) }
            : new MetaContractLookupResult { Success = true, Meta = binding };
    }, cancellationToken));

    public Task<RegistryResult> GetRegistryByIdAsync(string registryId, CancellationToken cancellationToken) => Task.FromResult(Read(session =>
    {
        RegistryTarget? target = ResolveRegistry(session, registryId ?? string.Empty);
        return target is null
            ? new RegistryResult { Success = false, ErrMsg = NotFound("registry", registryId ?? string.Empty) }
            : new RegistryResult { Success = true, Registry = target.Entry };
    }, cancellationToken));

    public NodeClock GetNodeClock() => new() { Timestamp = Now() };

    public string GenerateTokenKey(string chainId, string tokenAddress) => LineageKeys.TokenKey(chainId ?? string.Empty, tokenAddress ?? string.Empty);

    public string GenerateDataKey(string chainId, string tokenAddress, string tokenId) =>
        LineageKeys.DataKey(chainId ?? string.Empty, tokenAddress ?? string.Empty, tokenId ?? string.Empty);

    public DataTypeFork DeserializeFork(string data)
    {
        // Reference: serde_json::from_str(data).unwrap_or_default() over {to, tokenId, data}.
        try
        {
            using JsonDocument document = JsonDocument.Parse(data ?? string.Empty);
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return new DataTypeFork();
            }

            return new DataTypeFork
            {
                Address = StringMember(root, "to"),
                TokenId = StringMember(root, "tokenId"),
                Data = StringMember(root, "data"),
            };
        }
        catch (JsonException)
        {
            return new DataTypeFork();
        }
    }

    private static string StringMember(JsonElement root, string name) =>
        root.TryGetProperty(name, out JsonElement value)
            ? value.ValueKind switch
            {
                JsonValueKind.String => value.GetString()!,
                JsonValueKind.Number => value.GetRawText(),
                _ => string.Empty,
            }
            : string.Empty;

    public Task<IpfsGetResult> IpfsGetAsync(string cid, CancellationToken cancellationToken)
    {
        if (!Cid.TryParse(cid, out Cid? parsed, out string? error))
        {
            return Task.FromResult(new IpfsGetResult { Success = false, Error = "invalid CID: " + error });
        }

        byte[]? block = Read(session => session.GetBlock(parsed.ToString()), cancellationToken);
        if (block is null)
        {
            return Task.FromResult(new IpfsGetResult { Success = false, Error = $"block {parsed} not found" });
        }

        try
        {
            return Task.FromResult(new IpfsGetResult { Success = true, Content = DagCborToJson.Convert(block) });
        }
        catch (CborFormatException ex)
        {
            return Task.FromResult(new IpfsGetResult { Success = false, Error = ex.Message });
        }
    }

    public Task<byte[]?> GetBlockAsync(string cid, CancellationToken cancellationToken) =>
        Task.FromResult(Cid.TryParse(cid, out Cid? parsed, out _) ? Read(session => session.GetBlock(parsed.ToString()), cancellationToken) : null);
}
