// SPDX-License-Identifier: Apache-2.0

namespace Lineage.Marine.InterfaceTypes;

/// <summary>One entry of the section's type list: a function type or a record type.</summary>
public abstract class InterfaceTypeDefinition
{
    private protected InterfaceTypeDefinition()
    {
    }
}
