// SPDX-License-Identifier: Apache-2.0

using System.Text.Json.Serialization;
using Lineage.Metadata.Queries;

namespace Lineage.Metadata.Model;

/// <summary>
/// Source-generated System.Text.Json metadata for every wire record of the Lineage domain (snake_case names come
/// from the <see cref="JsonPropertyNameAttribute"/>s). Transports use it to read requests and write results.
/// </summary>
[JsonSourceGenerationOptions(NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(TransactionRequest))]
[JsonSerializable(typeof(IReadOnlyList<TransactionRequest>))]
[JsonSerializable(typeof(Transaction))]
[JsonSerializable(typeof(TransactionReceipt))]
[JsonSerializable(typeof(MetadataRecord))]
[JsonSerializable(typeof(MetaContractBinding))]
[JsonSerializable(typeof(RegistryEntry))]
[JsonSerializable(typeof(CronRecord))]
[JsonSerializable(typeof(CronTxRecord))]
[JsonSerializable(typeof(FinalMetadata))]
[JsonSerializable(typeof(MetaContractResult))]
[JsonSerializable(typeof(ContractData))]
[JsonSerializable(typeof(CloneData))]
[JsonSerializable(typeof(CronData))]
[JsonSerializable(typeof(DataTypeFork))]
[JsonSerializable(typeof(NodeClock))]
[JsonSerializable(typeof(PublishResult))]
[JsonSerializable(typeof(IReadOnlyList<PublishResult>))]
[JsonSerializable(typeof(TransactionResult))]
[JsonSerializable(typeof(TransactionsResult))]
[JsonSerializable(typeof(TransactionReceiptResult))]
[JsonSerializable(typeof(MetadataResult))]
[JsonSerializable(typeof(MetadatasResult))]
[JsonSerializable(typeof(MetadataHistoryResult))]
[JsonSerializable(typeof(MetaContractLookupResult))]
[JsonSerializable(typeof(RegistryResult))]
[JsonSerializable(typeof(CronsResult))]
[JsonSerializable(typeof(CronTxResult))]
[JsonSerializable(typeof(CronTxsResult))]
[JsonSerializable(typeof(IpfsGetResult))]
[JsonSerializable(typeof(SearchFilter))]
public sealed partial class LineageJsonContext : JsonSerializerContext;
