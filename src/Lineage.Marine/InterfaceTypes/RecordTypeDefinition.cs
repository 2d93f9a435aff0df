// SPDX-License-Identifier: Apache-2.0

namespace Lineage.Marine.InterfaceTypes;

/// <summary>A record type: a name and its fields in declaration order (which fixes the memory layout).</summary>
public sealed class RecordTypeDefinition(string name, IReadOnlyList<NamedType> fields) : InterfaceTypeDefinition
{
    public string Name { get; } = name;

    public IReadOnlyList<NamedType> Fields { get; } = fields;
}
