// SPDX-License-Identifier: Apache-2.0

namespace Lineage.Metadata.Cron;

/// <summary>The endpoint serves another chain than the cron watches; following it would write wrong data keys.</summary>
public sealed class ChainMismatchException : Exception
{
    public ChainMismatchException()
    {
    }

    public ChainMismatchException(string message)
        : base(message)
    {
    }

    public ChainMismatchException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
