// SPDX-License-Identifier: Apache-2.0

namespace Lineage.P2p.Yamux;

/// <summary>The stream was reset (by either side) or its session ended; pending and later I/O fails.</summary>
public sealed class YamuxStreamResetException : IOException
{
    public YamuxStreamResetException()
    {
    }

    public YamuxStreamResetException(string message)
        : base(message)
    {
    }

    public YamuxStreamResetException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
