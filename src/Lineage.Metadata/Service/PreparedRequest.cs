// SPDX-License-Identifier: Apache-2.0

using Lineage.Metadata.Model;

namespace Lineage.Metadata.Service;

/// <summary>A request after its state-independent checks (signature, method, data format), done off the writer.</summary>
internal sealed record PreparedRequest(
    TransactionRequest Request,
    string MetaContractId,
    string TokenKey,
    string DataKey,
    string? Error,
    ContractData? Contract,
    CloneData? CloneOrigin,
    CronData? Cron,
    string? StrictPrevious);
