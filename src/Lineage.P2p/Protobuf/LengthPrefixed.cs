// SPDX-License-Identifier: Apache-2.0

using System.Buffers;
using System.IO.Pipelines;
using Lineage.Core.Multiformats;

namespace Lineage.P2p.Protobuf;

/// <summary>Reads <c>uvarint(len) ‖ message</c> frames (identify, kad) from a pipe, with a size limit.</summary>
public static class LengthPrefixed
{
    /// <summary>Reads one message; null at a clean end of stream.</summary>
    public static async ValueTask<byte[]?> ReadAsync(PipeReader input, int maxLength, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        while (true)
        {
            ReadResult result = await input.ReadAsync(cancellationToken).ConfigureAwait(false);
            ReadOnlySequence<byte> buffer = result.Buffer;
            if (TryTake(ref buffer, maxLength, out byte[]? message))
            {
                input.AdvanceTo(buffer.Start);
                return message;
            }

            if (result.IsCompleted || result.IsCanceled)
            {
                long buffered = buffer.Length;
                input.AdvanceTo(buffer.End);
                if (buffered == 0)
                {
                    return null;
                }

                throw new ProtobufException(0, $"stream ended inside a length-prefixed message ({buffered} bytes buffered)");
            }

            input.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    /// <summary>Writes one length-prefixed message (not flushed).</summary>
    public static void Write(PipeWriter output, ReadOnlySpan<byte> message)
    {
        ArgumentNullException.ThrowIfNull(output);
        Span<byte> span = output.GetSpan(VarInt.MaxLength + message.Length);
        int n = VarInt.Write((ulong)message.Length, span);
        message.CopyTo(span[n..]);
        output.Advance(n + message.Length);
    }

    private static bool TryTake(ref ReadOnlySequence<byte> buffer, int maxLength, out byte[]? message)
    {
        message = null;
        Span<byte> prefix = stackalloc byte[VarInt.MaxLength];
        int available = (int)Math.Min(buffer.Length, VarInt.MaxLength);
        buffer.Slice(0, available).CopyTo(prefix);
        ulong length;
        int read;
        try
        {
            if (!VarInt.TryRead(prefix[..available], out length, out read))
            {
                if (available == VarInt.MaxLength)
                {
                    throw new ProtobufException(0, "length prefix is not a valid varint");
                }

                return false;
            }
        }
        catch (FormatException ex)
        {
            throw new ProtobufException("length prefix: " + ex.Message, ex);
        }

        if (length > (ulong)maxLength)
        {
            throw new ProtobufException(0, $"message of {length} bytes exceeds the limit of {maxLength}");
        }

        if (buffer.Length < read + (long)length)
        {
            return false;
        }

        message = buffer.Slice(read, (long)length).ToArray();
        buffer = buffer.Slice(read + (long)length);
        return true;
    }
}
