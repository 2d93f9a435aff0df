// SPDX-License-Identifier: Apache-2.0

using System.Buffers.Binary;
using System.Text;
using Lineage.Marine.InterfaceTypes;
using Lineage.Marine.Values;

namespace Lineage.Marine.Abi;

/// <summary>
/// Reads interface values out of a module's memory the way it-lilo lifts them. Every pointer and length comes
/// from the module, so each is bounds-checked before use; a bad one is a <see cref="MarineAbiException"/>.
/// </summary>
internal sealed class ValueLifter(IGuestMemory memory, MarineInterface types)
{
    private static readonly UTF8Encoding s_strictUtf8 = new(false, true);

    /// <summary>Lifts a value that came back directly as a core result.</summary>
    public static object LiftDirect(IType type, AbiValue value) => type.Code switch
    {
        ITypeCode.Boolean => value.I32 != 0,
        ITypeCode.S8 => (sbyte)value.I32,
        ITypeCode.S16 => (short)value.I32,
        ITypeCode.S32 or ITypeCode.I32 => value.I32,
        ITypeCode.U8 => (byte)value.I32,
        ITypeCode.U16 => (ushort)value.I32,
        ITypeCode.U32 => unchecked((uint)value.I32),
        ITypeCode.S64 or ITypeCode.I64 => value.I64,
        ITypeCode.U64 => unchecked((ulong)value.I64),
        ITypeCode.F32 => value.F32,
        ITypeCode.F64 => value.F64,
        _ => throw new MarineValueException($"{type} is not returned directly"),
    };

    /// <summary>
    /// Lifts one argument a module passed to an import as core values (pointer/length pairs for strings and
    /// arrays, a pointer for records), advancing <paramref name="index"/> past them.
    /// </summary>
    public object LiftFlat(IType type, ReadOnlySpan<AbiValue> flat, ref int index, string what)
    {
        switch (type.Code)
        {
            case ITypeCode.Utf8String:
                index += 2;
                return ReadString(flat[index - 2].I32, flat[index - 1].I32, what);
            case ITypeCode.ByteArray:
                index += 2;
                return ReadBytes(flat[index - 2].I32, flat[index - 1].I32, what);
            case ITypeCode.Array:
                index += 2;
                return LiftArray(type.Element!, flat[index - 2].I32, flat[index - 1].I32, what);
            case ITypeCode.Record:
                return LiftRecord(types.Record(type.RecordTypeId), flat[index++].I32, what);
            default:
                return LiftDirect(type, flat[index++]);
        }
    }

    /// <summary>Lifts a result read from the result registers (pointer, and size for strings and arrays).</summary>
    public object LiftFromRegisters(IType type, int pointer, int size) => type.Code switch
    {
        ITypeCode.Utf8String => ReadString(pointer, size, "result"),
        ITypeCode.ByteArray => ReadBytes(pointer, size, "result"),
        ITypeCode.Array => LiftArray(type.Element!, pointer, size, "result"),
        ITypeCode.Record => LiftRecord(types.Record(type.RecordTypeId), pointer, "result"),
        _ => throw new MarineValueException($"{type} is not returned through the result registers"),
    };

    public string ReadString(int pointer, int length, string what)
    {
        ReadOnlySpan<byte> bytes = Slice(pointer, length, what);
        try
        {
            return s_strictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw new MarineAbiException($"{what}: the module returned a string that is not valid UTF-8");
        }
    }

    public byte[] ReadBytes(int pointer, int length, string what) => Slice(pointer, length, what).ToArray();

    public object LiftArray(IType element, int pointer, int count, string what)
    {
        int elementSize = MarineLayout.SizeOf(element);
        long byteLength = (long)(uint)count * elementSize;
        if (byteLength > int.MaxValue)
        {
            throw new MarineAbiException($"{what}: array of {(uint)count} elements is larger than any module memory");
        }

        if (element.Code == ITypeCode.U8)
        {
            return ReadBytes(pointer, count, what);
        }

        // Copy first: lifting nested values re-reads the memory, and the span must not be held across that.
        byte[] packed = Slice(pointer, (int)byteLength, what).ToArray();
        object?[] items = new object?[count];
        for (int i = 0; i < items.Length; i++)
        {
            items[i] = ReadField(packed.AsSpan(i * elementSize, elementSize), element, $"{what}[{i}]");
        }

        return items;
    }

    public MarineRecord LiftRecord(RecordTypeDefinition record, int pointer, string what)
    {
        byte[] packed = Slice(pointer, MarineLayout.SizeOf(record), what).ToArray();
        var fields = new KeyValuePair<string, object?>[record.Fields.Count];
        int offset = 0;
        for (int i = 0; i < fields.Length; i++)
        {
            NamedType field = record.Fields[i];
            int size = MarineLayout.SizeOf(field.Type);
            fields[i] = new(field.Name, ReadField(packed.AsSpan(offset, size), field.Type, $"{what}.{field.Name}"));
            offset += size;
        }

        return new MarineRecord(record.Name, fields);
    }

    private object ReadField(ReadOnlySpan<byte> source, IType type, string what) => type.Code switch
    {
        ITypeCode.Boolean => source[0] != 0,
        ITypeCode.S8 => unchecked((sbyte)source[0]),
        ITypeCode.U8 => source[0],
        ITypeCode.S16 => BinaryPrimitives.ReadInt16LittleEndian(source),
        ITypeCode.U16 => BinaryPrimitives.ReadUInt16LittleEndian(source),
        ITypeCode.S32 or ITypeCode.I32 => BinaryPrimitives.ReadInt32LittleEndian(source),
        ITypeCode.U32 => BinaryPrimitives.ReadUInt32LittleEndian(source),
        ITypeCode.S64 or ITypeCode.I64 => BinaryPrimitives.ReadInt64LittleEndian(source),
        ITypeCode.U64 => BinaryPrimitives.ReadUInt64LittleEndian(source),
        ITypeCode.F32 => BinaryPrimitives.ReadSingleLittleEndian(source),
        ITypeCode.F64 => BinaryPrimitives.ReadDoubleLittleEndian(source),
        ITypeCode.Utf8String => ReadString(Pointer(source), Length(source), what),
        ITypeCode.ByteArray => ReadBytes(Pointer(source), Length(source), what),
        ITypeCode.Array => LiftArray(type.Element!, Pointer(source), Length(source), what),
        ITypeCode.Record => LiftRecord(types.Record(type.RecordTypeId), Pointer(source), what),
        _ => throw new MarineValueException($"unsupported interface type {type}"),
    };

    private static int Pointer(ReadOnlySpan<byte> pair) => BinaryPrimitives.ReadInt32LittleEndian(pair);

    private static int Length(ReadOnlySpan<byte> pair) => BinaryPrimitives.ReadInt32LittleEndian(pair[4..]);

    private ReadOnlySpan<byte> Slice(int pointer, int length, string what)
    {
        Span<byte> bytes = memory.Bytes;
        long start = (uint)pointer;
        long end = start + (uint)length;
        if (end > bytes.Length)
        {
            throw new MarineAbiException(
                $"{what}: pointer 0x{(uint)pointer:x8} with length {(uint)length} is outside the module memory of {bytes.Length} bytes");
        }

        return bytes.Slice((int)start, (int)(uint)length);
    }
}
