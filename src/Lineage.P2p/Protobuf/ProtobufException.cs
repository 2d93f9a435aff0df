// SPDX-License-Identifier: Apache-2.0

namespace Lineage.P2p.Protobuf;

/// <summary>A protobuf message could not be decoded; the message names the byte offset.</summary>
public sealed class ProtobufException : P2pProtocolException
{
    public ProtobufException()
    {
    }

    public ProtobufException(string message)
        : base(message)
    {
    }

    public ProtobufException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an exception whose message names the offset at which decoding failed.</summary>
    public ProtobufException(int offset, string reason)
        : base($"protobuf: {reason} at offset {offset}")
    {
        Offset = offset;
    }

    /// <summary>Byte offset in the message at which decoding failed.</summary>
    public int Offset { get; }
}
