// SPDX-License-Identifier: Apache-2.0

namespace Lineage.Core.Cbor;

/// <summary>Malformed or non-DAG-CBOR input, with the byte offset where decoding failed.</summary>
public sealed class CborFormatException : FormatException
{
    public CborFormatException()
    {
    }

    public CborFormatException(string message)
        : base(message)
    {
    }

    public CborFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public CborFormatException(long offset, string reason)
        : base($"invalid CBOR at byte offset {offset}: {reason}")
    {
        Offset = offset;
    }

    /// <summary>Byte offset of the offending item.</summary>
    public long Offset { get; }
}
