// SPDX-License-Identifier: Apache-2.0

namespace Lineage.P2p;

/// <summary>
/// A remote peer broke a libp2p wire protocol (malformed or oversized message, bad signature, unexpected state).
/// Each layer throws a subclass; the connection carrying it is closed, the process keeps serving.
/// </summary>
public class P2pProtocolException : IOException
{
    public P2pProtocolException()
    {
    }

    public P2pProtocolException(string message)
        : base(message)
    {
    }

    public P2pProtocolException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
