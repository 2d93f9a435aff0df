// SPDX-License-Identifier: Apache-2.0

namespace Lineage.Marine.InterfaceTypes;

/// <summary>An adapter: the function type it implements and its instruction sequence.</summary>
public sealed record Adapter(ulong FunctionType, IReadOnlyList<AdapterInstruction> Instructions);
