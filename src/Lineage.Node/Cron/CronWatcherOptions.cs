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
    /// The EVM endpoints a cron's <c>node_url</c> may point at (defect D15: the URL is user-supplied and the node
    /// calls it). Default: loopback only; a cron naming another host is shown as <c>invalid</c> and never called.
    /// </summary>
    public EvmEndpointAllowList AllowedEndpoints { get; set; } = EvmEndpointAllowList.Default;

    /// <summary>
    /// Also subscribe to new heads (<c>eth_subscribe</c> over the endpoint's WebSocket) so a mined block is picked up
    /// at once; endpoints without WebSocket subscriptions are polled only.
    /// </summary>
    public bool SubscribeToNewHeads { get; set; } = true;

    /// <summary>How often the cron table is re-read to start, restart or stop followers (defaults to the poll interval).</summary>
    public TimeSpan? RefreshInterval { get; set; }

    /// <summary>The watcher options for the node's settings (validated by the caller).</summary>
    /// <param name="enabled">Run the watcher.</param>
    /// <param name="pollMs">Poll interval in milliseconds.</param>
    /// <param name="confirmations">Confirmation depth.</param>
    /// <param name="requestsPerSecond">Per-endpoint request rate.</param>
    /// <param name="allowedEndpoints">The endpoint allow-list text.</param>
    public static CronWatcherOptions From(bool enabled, int pollMs, int confirmations, int requestsPerSecond, string allowedEndpoints) => new()
    {
        Enabled = enabled,
        Follower = new CronFollowerOptions { PollInterval = TimeSpan.FromMilliseconds(pollMs), Confirmations = confirmations },
        Evm = new EvmClientOptions { RequestsPerSecond = requestsPerSecond, Burst = Math.Max(1, Math.Min(requestsPerSecond, 20)) },
        AllowedEndpoints = EvmEndpointAllowList.Parse(allowedEndpoints),
    };
}
