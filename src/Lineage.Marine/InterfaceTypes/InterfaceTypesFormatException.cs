// SPDX-License-Identifier: Apache-2.0

namespace Lineage.Marine.InterfaceTypes;

/// <summary>A malformed <c>interface-types</c> section (or Marine custom section), with the byte offset of the problem.</summary>
public sealed class InterfaceTypesFormatException : FormatException
{
    public InterfaceTypesFormatException(long offset, string reason)
        : base($"interface-types section, byte offset {offset}: {reason}")
    {
        Offset = offset;
        Reason = reason;
    }

    public InterfaceTypesFormatException()
        : this(0, "malformed")
    {
    }

    public InterfaceTypesFormatException(string message)
        : base(message)
    {
        Reason = message;
    }

    public InterfaceTypesFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
        Reason = message;
    }

    /// <summary>Offset from the start of the section payload.</summary>
    public long Offset { get; }

    public string Reason { get; } = "";
}
