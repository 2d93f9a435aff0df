// SPDX-License-Identifier: Apache-2.0

using System.Collections.Concurrent;
using System.Threading.RateLimiting;

namespace Lineage.Node.Evm;

/// <summary>
/// One token bucket per endpoint URL, shared by every client (and so every cron) that talks to it, so many crons on
/// one hosted RPC cannot exceed its quota together.
/// </summary>
public sealed class EvmEndpointLimiters : IDisposable
{
    private readonly ConcurrentDictionary<string, RateLimiter> _limiters = new(StringComparer.Ordinal);
    private readonly EvmClientOptions _options;

    public EvmEndpointLimiters(EvmClientOptions options)
    {
        _options = options;
    }

    /// <summary>The limiter for one endpoint (created on first use).</summary>
    public RateLimiter For(Uri endpoint) => _limiters.GetOrAdd(endpoint.AbsoluteUri, _ => Create());

    public void Dispose()
    {
        foreach (RateLimiter limiter in _limiters.Values)
        {
            limiter.Dispose();
        }

        _limiters.Clear();
    }

    private TokenBucketRateLimiter Create() => new(new TokenBucketRateLimiterOptions
    {
        TokenLimit = Math.Max(1, _options.Burst),
        TokensPerPeriod = Math.Max(1, _options.RequestsPerSecond / 10),
        ReplenishmentPeriod = TimeSpan.FromMilliseconds(100),
        QueueLimit = int.MaxValue,
        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        AutoReplenishment = true,
    });
}
