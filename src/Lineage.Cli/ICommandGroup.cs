// SPDX-License-Identifier: Apache-2.0

using System.CommandLine;

namespace Lineage.Cli;

/// <summary>
/// One top-level command group of the <c>lineage</c> CLI (node, key, tx, wasm, marine, p2p, …). Groups are
/// discovered from this assembly, so adding an area never touches <see cref="Program"/>.
/// </summary>
internal interface ICommandGroup
{
    /// <summary>Builds the group's command tree.</summary>
    Command Create();
}
