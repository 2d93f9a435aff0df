// SPDX-License-Identifier: Apache-2.0

namespace Lineage.Core.MsgPack;

/// <summary>Malformed or unexpected msgpack input; <see cref="Offset"/> is the byte offset of the problem.</summary>
public sealed class MsgPackFormatException : FormatException
{
    public MsgPackFormatException(long offset, string reason)
        : base($"msgpack: {reason} at byte offset {offset}")
    {
        Offset = offset;
        Reason = reason;
    }

    /// <summary>Byte offset (from the start of the reader's buffer) where the problem was found.</summary>
    public long Offset { get; }

    /// <summary>The reason without the offset.</summary>
    public string Reason { get; }
}
