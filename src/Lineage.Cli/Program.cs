// SPDX-License-Identifier: Apache-2.0

using System.CommandLine;

namespace Lineage.Cli;

internal static class Program
{
    public static int Main(string[] args)
    {
        var root = new RootCommand("lineage — decentralised NFT metadata node, Wasm runtime and tools");
        IEnumerable<ICommandGroup> groups = typeof(Program).Assembly.GetTypes()
            .Where(t => typeof(ICommandGroup).IsAssignableFrom(t) && t is { IsInterface: false, IsAbstract: false })
            .OrderBy(t => t.Name, StringComparer.Ordinal)
            .Select(t => (ICommandGroup)Activator.CreateInstance(t)!);
        foreach (ICommandGroup group in groups)
        {
            root.Subcommands.Add(group.Create());
        }

        return root.Parse(args).Invoke();
    }
}
