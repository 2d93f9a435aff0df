// SPDX-License-Identifier: Apache-2.0

namespace Lineage.Metadata.Model;

/// <summary>Values of <see cref="Transaction.Status"/>.</summary>
/// <remarks>The reference defined FAILED = DONE = 1 (defect D1); failed transactions are distinct here.</remarks>
public static class TransactionStatus
{
    public const long Pending = 0;
    public const long Done = 1;
    public const long Failed = 2;
}
