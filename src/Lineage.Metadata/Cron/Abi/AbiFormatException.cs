// SPDX-License-Identifier: Apache-2.0

namespace Lineage.Metadata.Cron.Abi;

/// <summary>ABI-encoded data is malformed; <see cref="Offset"/> is the byte offset where decoding failed.</summary>
public sealed class AbiFormatException : FormatException
{
    public AbiFormatException(int offset, string reason)
        : base($"malformed ABI data at byte {offset}: {reason}")
    {
        Offset = offset;
        Reason = reason;
    }

    public AbiFormatException()
        : this(0, "unspecified")
    {
    }

    public AbiFormatException(string message)
        : base(message)
    {
        Reason = message;
    }

    public AbiFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
        Reason = message;
    }

    public int Offset { get; }

    public string Reason { get; }
}
