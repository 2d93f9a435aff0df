// SPDX-License-Identifier: Apache-2.0

namespace Lineage.Marine.InterfaceTypes;

/// <summary>Binds a core function type to the adapter that implements it.</summary>
public sealed record InterfaceImplementation(ulong CoreFunctionType, ulong AdapterFunctionType);
