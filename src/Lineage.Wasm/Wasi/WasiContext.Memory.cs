// SPDX-License-Identifier: Apache-2.0

using System.Buffers.Binary;
using System.Text;
using Lineage.Wasm.Runtime;

namespace Lineage.Wasm.Wasi;

public sealed partial class WasiContext
{
    private static readonly UTF8Encoding s_strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Guest memory [<paramref name="pointer"/>, +<paramref name="length"/>), or <c>EFAULT</c> when out of bounds.</summary>
    private Span<byte> Bytes(int pointer, long length)
    {
        WasmMemory memory = _memory?.Invoke() ?? throw new WasiErrnoException(WasiErrno.Fault);
        if (length < 0 || length > int.MaxValue || (ulong)(uint)pointer + (ulong)length > memory.Length)
        {
            throw new WasiErrnoException(WasiErrno.Fault);
        }

        return memory.GetSpan((uint)pointer, (int)length);
    }

    private void WriteU16(int pointer, ushort value) => BinaryPrimitives.WriteUInt16LittleEndian(Bytes(pointer, 2), value);

    private void WriteU32(int pointer, uint value) => BinaryPrimitives.WriteUInt32LittleEndian(Bytes(pointer, 4), value);

    private void WriteU64(int pointer, ulong value) => BinaryPrimitives.WriteUInt64LittleEndian(Bytes(pointer, 8), value);

    private uint ReadU32(int pointer) => BinaryPrimitives.ReadUInt32LittleEndian(Bytes(pointer, 4));

    /// <summary>A guest path or name; invalid UTF-8 is <c>EILSEQ</c>.</summary>
    private string ReadString(int pointer, int length)
    {
        try
        {
            return s_strictUtf8.GetString(Bytes(pointer, (uint)length));
        }
        catch (DecoderFallbackException)
        {
            throw new WasiErrnoException(WasiErrno.IlSeq);
        }
    }

    /// <summary>The (pointer, length) pairs of an <c>iovec</c>/<c>ciovec</c> array, checked against memory.</summary>
    private (int Pointer, int Length)[] ReadIovecs(int iovs, int count)
    {
        Span<byte> table = Bytes(iovs, 8L * (uint)count);
        var result = new (int, int)[count];
        for (int i = 0; i < count; i++)
        {
            int pointer = BinaryPrimitives.ReadInt32LittleEndian(table[(8 * i)..]);
            uint length = BinaryPrimitives.ReadUInt32LittleEndian(table[((8 * i) + 4)..]);
            Bytes(pointer, length);
            result[i] = (pointer, (int)length);
        }

        return result;
    }
}
