// SPDX-License-Identifier: Apache-2.0

namespace Lineage.Marine.Hosting;

/// <summary>How much linear memory one module of a service uses and may use (nox <c>MemoryStat</c>).</summary>
public sealed record MarineModuleMemory(string Name, long MemorySizeBytes, long MaxMemorySizeBytes);
