// SPDX-License-Identifier: Apache-2.0

using Lineage.Metadata.Cron;
using Lineage.Node.Evm;

namespace Lineage.Node.Cron;

/// <summary>Configuration of the node's mint watcher.</summary>
public sealed class CronWatcherOptions
{
    /// <summary>Turns the watcher off entirely.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How each cron is followed (poll interval, confirmations, retries, …).</summary>
    public CronFollowerOptions Follower { get; set; } = new();

    /// <summary>Limits for the EVM endpoints (timeouts, response size, per-endpoint rate).</summary>
    public EvmClientOptions Evm { get; set; } = new();

    /// <summary>
    /// Hosts a cron's <c>node_url</c> may point at (defect D15: the URL is user-supplied and the node calls it).
    /// Empty allows any http(s) host, as the reference did.
    /// </summary>
    public IList<string> AllowedEndpointHosts { get; } = [];

    /// <summary>How often the cron table is re-read to start, restart or stop followers (defaults to the poll interval).</summary>
    public TimeSpan? RefreshInterval { get; set; }
}
