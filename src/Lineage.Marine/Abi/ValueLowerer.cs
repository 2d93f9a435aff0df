// SPDX-License-Identifier: Apache-2.0

using System.Buffers.Binary;
using System.Text;
using Lineage.Marine.InterfaceTypes;
using Lineage.Marine.Values;

namespace Lineage.Marine.Abi;

/// <summary>
/// Writes canonical .NET values (see <see cref="MarineValues"/>) into a module's memory the way it-lilo lowers
/// interface values: bytes through <c>allocate(size, tag)</c>, arrays packed, records packed, and returns the core
/// arguments that refer to them.
/// </summary>
internal sealed class ValueLowerer(IGuestMemory memory, MarineInterface types)
{
    /// <summary>Appends the core arguments for one interface argument.</summary>
    public void LowerArgument(IType type, object value, List<AbiValue> into)
    {
        switch (type.Code)
        {
            case ITypeCode.Boolean:
                into.Add(AbiValue.FromI32((bool)value ? 1 : 0));
                break;
            case ITypeCode.S8:
                into.Add(AbiValue.FromI32((sbyte)value));
                break;
            case ITypeCode.S16:
                into.Add(AbiValue.FromI32((short)value));
                break;
            case ITypeCode.S32 or ITypeCode.I32:
                into.Add(AbiValue.FromI32((int)value));
                break;
            case ITypeCode.U8:
                into.Add(AbiValue.FromI32((byte)value));
                break;
            case ITypeCode.U16:
                into.Add(AbiValue.FromI32((ushort)value));
                break;
            case ITypeCode.U32:
                into.Add(AbiValue.FromI32(unchecked((int)(uint)value)));
                break;
            case ITypeCode.S64 or ITypeCode.I64:
                into.Add(AbiValue.FromI64((long)value));
                break;
            case ITypeCode.U64:
                into.Add(AbiValue.FromI64(unchecked((long)(ulong)value)));
                break;
            case ITypeCode.F32:
                into.Add(AbiValue.FromF32((float)value));
                break;
            case ITypeCode.F64:
                into.Add(AbiValue.FromF64((double)value));
                break;
            case ITypeCode.Utf8String:
                string text = (string)value;
                (int textPointer, int textLength) = WriteBytes(Encoding.UTF8.GetBytes(text));
                into.Add(AbiValue.FromI32(textPointer));
                into.Add(AbiValue.FromI32(textLength));
                break;
            case ITypeCode.ByteArray:
                (int bytesPointer, int bytesLength) = WriteBytes((byte[])value);
                into.Add(AbiValue.FromI32(bytesPointer));
                into.Add(AbiValue.FromI32(bytesLength));
                break;
            case ITypeCode.Array:
                (int arrayPointer, int count) = LowerArray(type.Element!, value);
                into.Add(AbiValue.FromI32(arrayPointer));
                into.Add(AbiValue.FromI32(count));
                break;
            case ITypeCode.Record:
                into.Add(AbiValue.FromI32(LowerRecord(types.Record(type.RecordTypeId), (MarineRecord)value)));
                break;
            default:
                throw new MarineValueException($"unsupported interface type {type}");
        }
    }

    /// <summary>
    /// Lowers a value handed back through the result registers: (pointer, length) for strings and byte arrays,
    /// (pointer, element count) for arrays, (pointer, 0) for records.
    /// </summary>
    public (int Pointer, int Size) LowerResult(IType type, object value) => type.Code switch
    {
        ITypeCode.Utf8String => WriteBytes(Encoding.UTF8.GetBytes((string)value)),
        ITypeCode.ByteArray => WriteBytes((byte[])value),
        ITypeCode.Array => LowerArray(type.Element!, value),
        ITypeCode.Record => (LowerRecord(types.Record(type.RecordTypeId), (MarineRecord)value), 0),
        _ => throw new MarineValueException($"{type} is not returned through the result registers"),
    };

    /// <summary>Allocates <c>bytes.Length</c> bytes with tag u8 and copies the bytes there.</summary>
    public (int Pointer, int Length) WriteBytes(ReadOnlySpan<byte> bytes)
    {
        int pointer = Allocate(bytes.Length, MarineLayout.TypeTag(IType.U8));
        bytes.CopyTo(memory.Bytes.Slice(pointer, bytes.Length));
        return (pointer, bytes.Length);
    }

    /// <summary>Lowers an array; an empty array is (0, 0) without allocating, as it-lilo does.</summary>
    public (int Pointer, int Count) LowerArray(IType element, object value)
    {
        if (value is byte[] bytes && element.Code == ITypeCode.U8)
        {
            return bytes.Length == 0 ? (0, 0) : (Allocated(bytes, MarineLayout.TypeTag(element)), bytes.Length);
        }

        var items = (object?[])value;
        if (items.Length == 0)
        {
            return (0, 0);
        }

        int elementSize = MarineLayout.SizeOf(element);
        byte[] buffer = new byte[checked(elementSize * items.Length)];
        for (int i = 0; i < items.Length; i++)
        {
            WriteField(buffer.AsSpan(i * elementSize, elementSize), element, items[i]!);
        }

        return (Allocated(buffer, MarineLayout.TypeTag(element)), items.Length);
    }

    /// <summary>Lowers a record (nested values first) and returns the pointer to its packed fields.</summary>
    public int LowerRecord(RecordTypeDefinition record, MarineRecord value)
    {
        byte[] buffer = new byte[MarineLayout.SizeOf(record)];
        int offset = 0;
        for (int i = 0; i < record.Fields.Count; i++)
        {
            IType fieldType = record.Fields[i].Type;
            int size = MarineLayout.SizeOf(fieldType);
            WriteField(buffer.AsSpan(offset, size), fieldType, value[i].Value!);
            offset += size;
        }

        return Allocated(buffer, MarineLayout.TypeTag(IType.U8));
    }

    private void WriteField(Span<byte> destination, IType type, object value)
    {
        switch (type.Code)
        {
            case ITypeCode.Boolean:
                destination[0] = (bool)value ? (byte)1 : (byte)0;
                break;
            case ITypeCode.S8:
                destination[0] = unchecked((byte)(sbyte)value);
                break;
            case ITypeCode.U8:
                destination[0] = (byte)value;
                break;
            case ITypeCode.S16:
                BinaryPrimitives.WriteInt16LittleEndian(destination, (short)value);
                break;
            case ITypeCode.U16:
                BinaryPrimitives.WriteUInt16LittleEndian(destination, (ushort)value);
                break;
            case ITypeCode.S32 or ITypeCode.I32:
                BinaryPrimitives.WriteInt32LittleEndian(destination, (int)value);
                break;
            case ITypeCode.U32:
                BinaryPrimitives.WriteUInt32LittleEndian(destination, (uint)value);
                break;
            case ITypeCode.S64 or ITypeCode.I64:
                BinaryPrimitives.WriteInt64LittleEndian(destination, (long)value);
                break;
            case ITypeCode.U64:
                BinaryPrimitives.WriteUInt64LittleEndian(destination, (ulong)value);
                break;
            case ITypeCode.F32:
                BinaryPrimitives.WriteSingleLittleEndian(destination, (float)value);
                break;
            case ITypeCode.F64:
                BinaryPrimitives.WriteDoubleLittleEndian(destination, (double)value);
                break;
            case ITypeCode.Utf8String:
                WritePair(destination, WriteBytes(Encoding.UTF8.GetBytes((string)value)));
                break;
            case ITypeCode.ByteArray:
                WritePair(destination, WriteBytes((byte[])value));
                break;
            case ITypeCode.Array:
                WritePair(destination, LowerArray(type.Element!, value));
                break;
            case ITypeCode.Record:
                BinaryPrimitives.WriteInt32LittleEndian(destination, LowerRecord(types.Record(type.RecordTypeId), (MarineRecord)value));
                break;
            default:
                throw new MarineValueException($"unsupported interface type {type}");
        }
    }

    private static void WritePair(Span<byte> destination, (int Pointer, int Length) pair)
    {
        BinaryPrimitives.WriteInt32LittleEndian(destination, pair.Pointer);
        BinaryPrimitives.WriteInt32LittleEndian(destination[4..], pair.Length);
    }

    private int Allocated(ReadOnlySpan<byte> bytes, int typeTag)
    {
        int pointer = Allocate(bytes.Length, typeTag);
        bytes.CopyTo(memory.Bytes.Slice(pointer, bytes.Length));
        return pointer;
    }

    private int Allocate(int size, int typeTag)
    {
        int pointer = memory.Allocate(size, typeTag);
        long end = (long)(uint)pointer + size;
        int memorySize = memory.Bytes.Length;
        if (end > memorySize)
        {
            throw new MarineAbiException(
                $"allocate({size}, {typeTag}) returned 0x{(uint)pointer:x8}, outside the module memory of {memorySize} bytes");
        }

        if (pointer == 0 && size > 0)
        {
            throw new MarineAbiException($"allocate({size}, {typeTag}) failed (returned 0)");
        }

        return pointer;
    }
}
