// SPDX-License-Identifier: Apache-2.0

namespace Lineage.Marine.InterfaceTypes;

/// <summary>An exported (or imported) function of a Marine module as interface types see it.</summary>
public sealed record MarineFunctionSignature(string Name, IReadOnlyList<NamedType> Arguments, IReadOnlyList<IType> Outputs)
{
    /// <summary>The single output type, or null for a function without result.</summary>
    public IType? Output => Outputs.Count == 0 ? null : Outputs[0];
}
