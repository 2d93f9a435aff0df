// SPDX-License-Identifier: Apache-2.0

namespace Lineage.Metadata.Model;

/// <summary>Values of <see cref="TransactionReceipt.Status"/> (as in the reference).</summary>
public static class ReceiptStatus
{
    public const long Success = 1;
    public const long Failed = 2;
}
