// SPDX-License-Identifier: Apache-2.0

namespace Lineage.P2p.Protobuf;

/// <summary>Protobuf wire types (the low 3 bits of a field tag).</summary>
public enum WireType
{
    Varint = 0,
    Fixed64 = 1,
    LengthDelimited = 2,
    Fixed32 = 5,
}
