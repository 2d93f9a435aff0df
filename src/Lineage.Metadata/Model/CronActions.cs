// SPDX-License-Identifier: Apache-2.0

namespace Lineage.Metadata.Model;

/// <summary>Actions of a <c>cron</c> transaction and the cron status values.</summary>
public static class CronActions
{
    public const string Create = "create";
    public const string Update = "update";
    public const string UpdateStatus = "update_status";
    public const long StatusEnabled = 1;
    public const long StatusDisabled = 0;
    public const long TxSuccess = 1;
    public const long TxFailed = 2;
}
