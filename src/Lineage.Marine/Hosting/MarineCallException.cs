// SPDX-License-Identifier: Apache-2.0

namespace Lineage.Marine.Hosting;

/// <summary>
/// A service call failed inside the service: a trap, a time or memory limit, an ABI violation or a refused host
/// capability. The host keeps serving; the failed service instance is rebuilt before its next call.
/// </summary>
public sealed class MarineCallException : Exception
{
    public MarineCallException(string message)
        : base(message)
    {
    }

    public MarineCallException()
    {
    }

    public MarineCallException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
