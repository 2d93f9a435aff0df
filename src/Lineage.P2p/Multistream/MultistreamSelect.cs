// SPDX-License-Identifier: Apache-2.0

using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using Lineage.Core.Multiformats;

namespace Lineage.P2p.Multistream;

/// <summary>
/// multistream-select 1.0. Messages are <c>uvarint(len) ‖ utf8 ‖ '\n'</c> (the length counts the newline),
/// at most 1024 bytes. Both roles read through a <see cref="PipeReader"/> and consume only their own messages,
/// so bytes a pipelining peer sent after its protocol line stay buffered for the next layer.
/// </summary>
public static class MultistreamSelect
{
    public const string ProtocolId = "/multistream/1.0.0";
    public const string NotAvailable = "na";
    public const string List = "ls";
    public const int MaxMessageLength = 1024;

    /// <summary>Upper bound on proposals a listener answers before giving up on a dialer.</summary>
    public const int MaxProposals = 64;

    /// <summary>
    /// Dialer: proposes <paramref name="protocols"/> in order (header and first proposal in one write) until one
    /// is echoed. Throws <see cref="ProtocolNotSupportedException"/> when all are refused.
    /// </summary>
    public static async ValueTask<string> SelectAsync(PipeReader input, PipeWriter output, IReadOnlyList<string> protocols, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(protocols);
        if (protocols.Count == 0)
        {
            throw new ArgumentException("at least one protocol is required", nameof(protocols));
        }

        WriteMessage(output, ProtocolId);
        WriteMessage(output, protocols[0]);
        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
        await ExpectHeaderAsync(input, cancellationToken).ConfigureAwait(false);
        for (int i = 0; i < protocols.Count; i++)
        {
            if (i > 0)
            {
                WriteMessage(output, protocols[i]);
                await output.FlushAsync(cancellationToken).ConfigureAwait(false);
            }

            string answer = await ReadMessageAsync(input, cancellationToken).ConfigureAwait(false);
            if (answer == protocols[i])
            {
                return answer;
            }

            if (answer != NotAvailable)
            {
                throw new MultistreamException($"multistream: expected '{protocols[i]}' or 'na', got '{Printable(answer)}'");
            }
        }

        throw new ProtocolNotSupportedException($"remote supports none of: {string.Join(", ", protocols)}");
    }

    /// <summary>
    /// Lazy dialer: writes header and protocol without waiting. The returned task checks the echoes and must be
    /// awaited before the first read (a refusal surfaces there).
    /// </summary>
    public static async ValueTask<Func<CancellationToken, ValueTask>> SelectLazyAsync(PipeReader input, PipeWriter output, string protocol, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        WriteMessage(output, ProtocolId);
        WriteMessage(output, protocol);
        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
        return async ct =>
        {
            await ExpectHeaderAsync(input, ct).ConfigureAwait(false);
            string answer = await ReadMessageAsync(input, ct).ConfigureAwait(false);
            if (answer == NotAvailable)
            {
                throw new ProtocolNotSupportedException($"remote does not support {protocol}");
            }

            if (answer != protocol)
            {
                throw new MultistreamException($"multistream: expected '{protocol}', got '{Printable(answer)}'");
            }
        };
    }

    /// <summary>
    /// Listener: waits for the dialer's header, echoes it, then answers proposals (<c>na</c> for unsupported ones,
    /// the list for <c>ls</c>) until one is supported, which it echoes and returns.
    /// </summary>
    public static async ValueTask<string> ListenAsync(PipeReader input, PipeWriter output, Func<string, bool> isSupported, Func<IEnumerable<string>>? listProtocols, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(isSupported);
        await ExpectHeaderAsync(input, cancellationToken).ConfigureAwait(false);
        WriteMessage(output, ProtocolId);
        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
        for (int i = 0; i < MaxProposals; i++)
        {
            string proposal = await ReadMessageAsync(input, cancellationToken).ConfigureAwait(false);
            if (proposal == List && listProtocols is not null)
            {
                WriteList(output, listProtocols());
            }
            else if (proposal != List && proposal != NotAvailable && isSupported(proposal))
            {
                WriteMessage(output, proposal);
                await output.FlushAsync(cancellationToken).ConfigureAwait(false);
                return proposal;
            }
            else
            {
                WriteMessage(output, NotAvailable);
            }

            await output.FlushAsync(cancellationToken).ConfigureAwait(false);
        }

        throw new MultistreamException($"multistream: dialer made more than {MaxProposals} proposals");
    }

    /// <summary>Writes one message (<c>uvarint(len+1) ‖ text ‖ '\n'</c>) without flushing.</summary>
    public static void WriteMessage(PipeWriter output, string text)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(text);
        int length = Encoding.UTF8.GetByteCount(text) + 1;
        if (length > MaxMessageLength)
        {
            throw new ArgumentException($"multistream message of {length} bytes exceeds {MaxMessageLength}", nameof(text));
        }

        int prefix = VarInt.GetLength((ulong)length);
        Span<byte> span = output.GetSpan(prefix + length);
        VarInt.Write((ulong)length, span);
        Encoding.UTF8.GetBytes(text, span[prefix..]);
        span[prefix + length - 1] = (byte)'\n';
        output.Advance(prefix + length);
    }

    /// <summary>Reads one message, reassembling it across arbitrary fragmentation; returns it without the newline.</summary>
    public static async ValueTask<string> ReadMessageAsync(PipeReader input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        while (true)
        {
            ReadResult result = await input.ReadAsync(cancellationToken).ConfigureAwait(false);
            ReadOnlySequence<byte> buffer = result.Buffer;
            if (TryParse(ref buffer, out string? message))
            {
                input.AdvanceTo(buffer.Start);
                return message;
            }

            if (result.IsCompleted || result.IsCanceled)
            {
                input.AdvanceTo(buffer.Start, buffer.End);
                throw new MultistreamException(buffer.Length == 0
                    ? "multistream: stream ended before a message"
                    : $"multistream: stream ended inside a message ({buffer.Length} bytes buffered)");
            }

            input.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    private static bool TryParse(ref ReadOnlySequence<byte> buffer, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? message)
    {
        message = null;
        Span<byte> prefix = stackalloc byte[2];
        int available = (int)Math.Min(buffer.Length, 2);
        buffer.Slice(0, available).CopyTo(prefix);
        ulong length;
        int prefixLength;
        try
        {
            if (!VarInt.TryRead(prefix[..available], out length, out prefixLength))
            {
                if (available == 2)
                {
                    throw new MultistreamException($"multistream: length prefix longer than 2 bytes (messages are at most {MaxMessageLength} bytes)");
                }

                return false;
            }
        }
        catch (FormatException ex)
        {
            throw new MultistreamException("multistream: " + ex.Message, ex);
        }

        if (length == 0 || length > MaxMessageLength)
        {
            throw new MultistreamException($"multistream: message length {length} is out of range 1..{MaxMessageLength}");
        }

        if (buffer.Length < prefixLength + (long)length)
        {
            return false;
        }

        ReadOnlySequence<byte> body = buffer.Slice(prefixLength, (long)length);
        Span<byte> bytes = stackalloc byte[(int)length];
        body.CopyTo(bytes);
        if (bytes[^1] != (byte)'\n')
        {
            throw new MultistreamException("multistream: message is missing its trailing newline");
        }

        try
        {
            message = new UTF8Encoding(false, true).GetString(bytes[..^1]);
        }
        catch (DecoderFallbackException ex)
        {
            throw new MultistreamException("multistream: message is not valid UTF-8", ex);
        }

        buffer = buffer.Slice(body.End);
        return true;
    }

    private static async ValueTask ExpectHeaderAsync(PipeReader input, CancellationToken cancellationToken)
    {
        string header = await ReadMessageAsync(input, cancellationToken).ConfigureAwait(false);
        if (header != ProtocolId)
        {
            throw new MultistreamException($"multistream: expected header '{ProtocolId}', got '{Printable(header)}'");
        }
    }

    private static void WriteList(PipeWriter output, IEnumerable<string> protocols)
    {
        // ls answer: uvarint(total) ‖ (uvarint(len) proto '\n')* ‖ '\n'
        var inner = new ArrayBufferWriter<byte>();
        foreach (string protocol in protocols)
        {
            int length = Encoding.UTF8.GetByteCount(protocol) + 1;
            Span<byte> span = inner.GetSpan(VarInt.MaxLength + length);
            int n = VarInt.Write((ulong)length, span);
            Encoding.UTF8.GetBytes(protocol, span[n..]);
            span[n + length - 1] = (byte)'\n';
            inner.Advance(n + length);
        }

        inner.GetSpan(1)[0] = (byte)'\n';
        inner.Advance(1);
        Span<byte> prefix = output.GetSpan(VarInt.MaxLength);
        output.Advance(VarInt.Write((ulong)inner.WrittenCount, prefix));
        output.Write(inner.WrittenSpan);
    }

    private static string Printable(string text) => text.Length > 64 ? text[..64] + "…" : text;
}
