// SPDX-License-Identifier: Apache-2.0

using System.Text;

namespace Lineage.Marine.Wasi;

/// <summary>
/// A write-only stream that hands each complete UTF-8 line to a log callback (a module's stdout/stderr). A line
/// longer than 64 KiB is handed over in pieces; the last partial line goes out on dispose. <see cref="Flush"/>
/// does not cut lines: WASI flushes after every write.
/// </summary>
internal sealed class LogLineStream(Action<string> line) : Stream
{
    private const int MaxLine = 64 * 1024;

    private readonly MemoryStream _pending = new();

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        while (!buffer.IsEmpty)
        {
            int newline = buffer.IndexOf((byte)'\n');
            if (newline < 0)
            {
                _pending.Write(buffer);
                if (_pending.Length > MaxLine)
                {
                    Emit();
                }

                return;
            }

            _pending.Write(buffer[..newline]);
            Emit();
            buffer = buffer[(newline + 1)..];
        }
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && _pending.Length > 0)
        {
            Emit();
        }

        base.Dispose(disposing);
    }

    private void Emit()
    {
        line(Encoding.UTF8.GetString(_pending.GetBuffer(), 0, (int)_pending.Length));
        _pending.SetLength(0);
    }
}
