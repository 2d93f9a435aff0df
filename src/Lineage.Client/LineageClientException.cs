// SPDX-License-Identifier: Apache-2.0

namespace Lineage.Client;

/// <summary>The node could not be reached or did not answer with JSON-RPC.</summary>
public sealed class LineageClientException : Exception
{
    public LineageClientException()
    {
    }

    public LineageClientException(string message)
        : base(message)
    {
    }

    public LineageClientException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
