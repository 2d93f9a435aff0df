// SPDX-License-Identifier: Apache-2.0

namespace Lineage.Marine.InterfaceTypes;

/// <summary>A function type: named arguments and (at most one, in Marine) output types.</summary>
public sealed class FunctionTypeDefinition(IReadOnlyList<NamedType> arguments, IReadOnlyList<IType> outputs)
    : InterfaceTypeDefinition
{
    public IReadOnlyList<NamedType> Arguments { get; } = arguments;

    public IReadOnlyList<IType> Outputs { get; } = outputs;
}
