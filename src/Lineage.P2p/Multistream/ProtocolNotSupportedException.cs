// SPDX-License-Identifier: Apache-2.0

namespace Lineage.P2p.Multistream;

/// <summary>The remote answered <c>na</c> to every protocol proposed.</summary>
public sealed class ProtocolNotSupportedException : P2pProtocolException
{
    public ProtocolNotSupportedException()
    {
    }

    public ProtocolNotSupportedException(string message)
        : base(message)
    {
    }

    public ProtocolNotSupportedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
