// SPDX-License-Identifier: Apache-2.0

using Lineage.Marine.Config;
using Lineage.Marine.Hosting;
using Microsoft.Extensions.Logging;

namespace Lineage.Marine.Tests.Support;

/// <summary>Loads test services from in-memory module bytes.</summary>
internal static class Services
{
    public static MarineService Load(params (string Name, byte[] Wasm)[] modules) =>
        Load(new MarineServiceConfig { Modules = [.. modules.Select(m => new MarineModuleConfig { Name = m.Name })] }, modules);

    public static MarineService Load(MarineServiceConfig config, (string Name, byte[] Wasm)[] modules, MarineHostOptions? options = null, ILogger? logger = null)
    {
        var bytes = modules.ToDictionary(m => m.Name, m => m.Wasm);
        return MarineService.Load(config, m => bytes[m.Name], options, logger);
    }
}
