// SPDX-License-Identifier: Apache-2.0

namespace Lineage.Marine.InterfaceTypes;

/// <summary>An imported function: <c>namespace.name</c> with the index of its function type.</summary>
public sealed record InterfaceImport(string Namespace, string Name, ulong FunctionType);
