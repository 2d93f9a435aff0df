// SPDX-License-Identifier: Apache-2.0

namespace Lineage.Marine.InterfaceTypes;

/// <summary>Tags of the sub-sections of the <c>interface-types</c> section.</summary>
internal enum InterfaceKind : byte
{
    Type = 0x00,
    Import = 0x01,
    Adapter = 0x02,
    Export = 0x03,
    Implementation = 0x04,
    Version = 0x05,
}
