// SPDX-License-Identifier: Apache-2.0

namespace Lineage.Marine.InterfaceTypes;

/// <summary>
/// Binary codes of interface types in the <c>interface-types</c> section (wasmer-it fork as used by Marine).
/// </summary>
public enum ITypeCode : byte
{
    S8 = 0x00,
    S16 = 0x01,
    S32 = 0x02,
    S64 = 0x03,
    U8 = 0x04,
    U16 = 0x05,
    U32 = 0x06,
    U64 = 0x07,
    F32 = 0x08,
    F64 = 0x09,
    Utf8String = 0x0a,
    Boolean = 0x0b,
    I32 = 0x0c,
    I64 = 0x0d,
    Record = 0x0e,
    Array = 0x36,
    ByteArray = 0x3c,
}
