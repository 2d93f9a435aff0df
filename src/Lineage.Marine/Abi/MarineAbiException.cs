// SPDX-License-Identifier: Apache-2.0

namespace Lineage.Marine.Abi;

/// <summary>
/// A module broke the Marine ABI (a result pointer outside its memory, an allocation that failed, invalid UTF-8,
/// a missing ABI export, ...). The module is at fault, not the caller.
/// </summary>
public sealed class MarineAbiException : Exception
{
    public MarineAbiException(string message)
        : base(message)
    {
    }

    public MarineAbiException()
    {
    }

    public MarineAbiException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
