// SPDX-License-Identifier: Apache-2.0

namespace Lineage.Marine.Hosting;

/// <summary>A service could not be loaded: a module is not a valid Marine module, or an import cannot be granted.</summary>
public sealed class MarineLoadException : Exception
{
    public MarineLoadException(string message)
        : base(message)
    {
    }

    public MarineLoadException()
    {
    }

    public MarineLoadException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
