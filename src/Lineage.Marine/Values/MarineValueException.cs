// SPDX-License-Identifier: Apache-2.0

namespace Lineage.Marine.Values;

/// <summary>A .NET or JSON value that does not match the interface type it is passed as (with its path).</summary>
public sealed class MarineValueException : ArgumentException
{
    public MarineValueException(string message)
        : base(message)
    {
    }

    public MarineValueException()
    {
    }

    public MarineValueException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
