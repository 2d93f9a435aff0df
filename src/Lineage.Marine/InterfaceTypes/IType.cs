// SPDX-License-Identifier: Apache-2.0

namespace Lineage.Marine.InterfaceTypes;

/// <summary>
/// An interface type: a primitive, a string, a byte array, an array of another type, or a reference to a record
/// type by its index in the section's type list. Instances are immutable; primitives are shared.
/// </summary>
public sealed class IType : IEquatable<IType>
{
    public static readonly IType S8 = new(ITypeCode.S8);
    public static readonly IType S16 = new(ITypeCode.S16);
    public static readonly IType S32 = new(ITypeCode.S32);
    public static readonly IType S64 = new(ITypeCode.S64);
    public static readonly IType U8 = new(ITypeCode.U8);
    public static readonly IType U16 = new(ITypeCode.U16);
    public static readonly IType U32 = new(ITypeCode.U32);
    public static readonly IType U64 = new(ITypeCode.U64);
    public static readonly IType F32 = new(ITypeCode.F32);
    public static readonly IType F64 = new(ITypeCode.F64);
    public static readonly IType Utf8String = new(ITypeCode.Utf8String);
    public static readonly IType Boolean = new(ITypeCode.Boolean);
    public static readonly IType I32 = new(ITypeCode.I32);
    public static readonly IType I64 = new(ITypeCode.I64);
    public static readonly IType ByteArray = new(ITypeCode.ByteArray);

    private IType(ITypeCode code, IType? element = null, ulong recordTypeId = 0)
    {
        Code = code;
        Element = element;
        RecordTypeId = recordTypeId;
    }

    public ITypeCode Code { get; }

    /// <summary>The element type of an <see cref="ITypeCode.Array"/>; null otherwise.</summary>
    public IType? Element { get; }

    /// <summary>The type index of the record definition for <see cref="ITypeCode.Record"/>; 0 otherwise.</summary>
    public ulong RecordTypeId { get; }

    public static IType ArrayOf(IType element)
    {
        ArgumentNullException.ThrowIfNull(element);
        return new IType(ITypeCode.Array, element);
    }

    public static IType Record(ulong typeId) => new(ITypeCode.Record, recordTypeId: typeId);

    /// <summary>The shared instance of a primitive (non-record, non-array) type code.</summary>
    public static IType Primitive(ITypeCode code) => code switch
    {
        ITypeCode.S8 => S8,
        ITypeCode.S16 => S16,
        ITypeCode.S32 => S32,
        ITypeCode.S64 => S64,
        ITypeCode.U8 => U8,
        ITypeCode.U16 => U16,
        ITypeCode.U32 => U32,
        ITypeCode.U64 => U64,
        ITypeCode.F32 => F32,
        ITypeCode.F64 => F64,
        ITypeCode.Utf8String => Utf8String,
        ITypeCode.Boolean => Boolean,
        ITypeCode.I32 => I32,
        ITypeCode.I64 => I64,
        ITypeCode.ByteArray => ByteArray,
        _ => throw new ArgumentOutOfRangeException(nameof(code), code, "not a primitive interface type"),
    };

    public bool Equals(IType? other) =>
        other is not null && other.Code == Code && other.RecordTypeId == RecordTypeId && Equals(other.Element, Element);

    public override bool Equals(object? obj) => Equals(obj as IType);

    public override int GetHashCode() => HashCode.Combine(Code, RecordTypeId, Element);

    /// <summary>Marine's text form without record names (records print as <c>record#N</c>).</summary>
    public override string ToString() => Code switch
    {
        ITypeCode.Array => "[]" + Element,
        ITypeCode.Record => "record#" + RecordTypeId.ToString(),
        _ => PrimitiveName(Code),
    };

    internal static string PrimitiveName(ITypeCode code) => code switch
    {
        ITypeCode.S8 => "i8",
        ITypeCode.S16 => "i16",
        ITypeCode.S32 => "i32",
        ITypeCode.S64 => "i64",
        ITypeCode.U8 => "u8",
        ITypeCode.U16 => "u16",
        ITypeCode.U32 => "u32",
        ITypeCode.U64 => "u64",
        ITypeCode.F32 => "f32",
        ITypeCode.F64 => "f64",
        ITypeCode.Utf8String => "string",
        ITypeCode.Boolean => "bool",
        ITypeCode.I32 => "i32",
        ITypeCode.I64 => "i64",
        ITypeCode.ByteArray => "[]u8",
        _ => code.ToString(),
    };
}
