// SPDX-License-Identifier: Apache-2.0

namespace Lineage.Core.Cbor;

/// <summary>The eight CBOR major types (RFC 8949 §3.1).</summary>
public enum CborMajorType : byte
{
    UnsignedInteger = 0,
    NegativeInteger = 1,
    ByteString = 2,
    TextString = 3,
    Array = 4,
    Map = 5,
    Tag = 6,
    SimpleOrFloat = 7,
}
