// SPDX-License-Identifier: Apache-2.0

namespace Lineage.Marine.InterfaceTypes;

/// <summary>A named, typed slot: a function argument or a record field.</summary>
public sealed record NamedType(string Name, IType Type);
