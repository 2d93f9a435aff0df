// SPDX-License-Identifier: Apache-2.0

namespace Lineage.P2p.Yamux;

/// <summary>The remote violated the yamux protocol; the session is torn down with GoAway(protocol error).</summary>
public sealed class YamuxProtocolException : P2pProtocolException
{
    public YamuxProtocolException()
    {
    }

    public YamuxProtocolException(string message)
        : base(message)
    {
    }

    public YamuxProtocolException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
