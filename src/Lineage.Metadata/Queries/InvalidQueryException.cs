// SPDX-License-Identifier: Apache-2.0

namespace Lineage.Metadata.Queries;

/// <summary>
/// A search filter names a column or operator that is not whitelisted, or has an invalid range. Transports map
/// it to "invalid params" (JSON-RPC -32602). Nothing is executed.
/// </summary>
public sealed class InvalidQueryException : ArgumentException
{
    public InvalidQueryException()
    {
    }

    public InvalidQueryException(string message)
        : base(message)
    {
    }

    public InvalidQueryException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
