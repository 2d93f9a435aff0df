// SPDX-License-Identifier: Apache-2.0

namespace Lineage.Marine.AquaVm;

/// <summary>AquaVM could not be run: an input over its size limit, a malformed outcome, or the interpreter failed.</summary>
public sealed class AquaVmException : Exception
{
    public AquaVmException(string message)
        : base(message)
    {
    }

    public AquaVmException()
    {
    }

    public AquaVmException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
