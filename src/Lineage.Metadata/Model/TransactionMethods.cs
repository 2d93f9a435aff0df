// SPDX-License-Identifier: Apache-2.0

namespace Lineage.Metadata.Model;

/// <summary>The four transaction methods (<see cref="TransactionRequest.Method"/>).</summary>
public static class TransactionMethods
{
    public const string Metadata = "metadata";
    public const string Contract = "contract";
    public const string Clone = "clone";
    public const string Cron = "cron";
}
