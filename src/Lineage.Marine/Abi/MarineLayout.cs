// SPDX-License-Identifier: Apache-2.0

using Lineage.Marine.InterfaceTypes;

namespace Lineage.Marine.Abi;

/// <summary>
/// Sizes, allocation type tags and core-Wasm flattening of interface types, as the Marine SDK and it-lilo define
/// them: packed little-endian fields without padding; strings, byte arrays and arrays as (u32 pointer, u32 length)
/// pairs; records as one u32 pointer.
/// </summary>
public static class MarineLayout
{
    /// <summary>Bytes a value of <paramref name="type"/> takes inside a record or an array.</summary>
    public static int SizeOf(IType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return type.Code switch
        {
            ITypeCode.Boolean or ITypeCode.S8 or ITypeCode.U8 => 1,
            ITypeCode.S16 or ITypeCode.U16 => 2,
            ITypeCode.S32 or ITypeCode.U32 or ITypeCode.I32 or ITypeCode.F32 or ITypeCode.Record => 4,
            ITypeCode.S64 or ITypeCode.U64 or ITypeCode.I64 or ITypeCode.F64 => 8,
            ITypeCode.Utf8String or ITypeCode.ByteArray or ITypeCode.Array => 8,
            _ => throw new ArgumentOutOfRangeException(nameof(type), type, "unknown interface type"),
        };
    }

    /// <summary>The packed size of a record: the sum of its field sizes.</summary>
    public static int SizeOf(RecordTypeDefinition record)
    {
        ArgumentNullException.ThrowIfNull(record);
        int size = 0;
        foreach (NamedType field in record.Fields)
        {
            size += SizeOf(field.Type);
        }

        return size;
    }

    /// <summary>The SDK's <c>allocate</c> type tag for elements of <paramref name="type"/>.</summary>
    public static int TypeTag(IType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return type.Code switch
        {
            ITypeCode.Boolean => 0,
            ITypeCode.U8 => 1,
            ITypeCode.U16 => 2,
            ITypeCode.U32 => 3,
            ITypeCode.U64 => 4,
            ITypeCode.S8 => 5,
            ITypeCode.S16 => 6,
            ITypeCode.S32 or ITypeCode.I32 => 7,
            ITypeCode.S64 or ITypeCode.I64 => 8,
            ITypeCode.F32 => 9,
            ITypeCode.F64 => 10,
            _ => 3, // strings, byte arrays, arrays and records are pointers: u32 in the SDK
        };
    }

    /// <summary>Appends the core Wasm parameter kinds a value of <paramref name="type"/> is passed as.</summary>
    public static void Flatten(IType type, List<AbiValueKind> into)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(into);
        switch (type.Code)
        {
            case ITypeCode.S64 or ITypeCode.U64 or ITypeCode.I64:
                into.Add(AbiValueKind.I64);
                break;
            case ITypeCode.F32:
                into.Add(AbiValueKind.F32);
                break;
            case ITypeCode.F64:
                into.Add(AbiValueKind.F64);
                break;
            case ITypeCode.Utf8String or ITypeCode.ByteArray or ITypeCode.Array:
                into.Add(AbiValueKind.I32);
                into.Add(AbiValueKind.I32);
                break;
            default:
                into.Add(AbiValueKind.I32);
                break;
        }
    }

    /// <summary>Whether a result of this type comes back through the result registers rather than directly.</summary>
    public static bool ReturnsThroughRegisters(IType type) =>
        type.Code is ITypeCode.Utf8String or ITypeCode.ByteArray or ITypeCode.Array or ITypeCode.Record;
}
