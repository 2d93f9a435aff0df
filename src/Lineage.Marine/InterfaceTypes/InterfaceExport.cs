// SPDX-License-Identifier: Apache-2.0

namespace Lineage.Marine.InterfaceTypes;

/// <summary>An exported function: its name and the index of its (core) function type.</summary>
public sealed record InterfaceExport(string Name, ulong FunctionType);
