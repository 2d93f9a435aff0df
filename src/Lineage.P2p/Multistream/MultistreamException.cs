// SPDX-License-Identifier: Apache-2.0

namespace Lineage.P2p.Multistream;

/// <summary>multistream-select failed: a malformed message, or no common protocol.</summary>
public sealed class MultistreamException : P2pProtocolException
{
    public MultistreamException()
    {
    }

    public MultistreamException(string message)
        : base(message)
    {
    }

    public MultistreamException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
