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

    private TokenBucketRateLimiter Create()
    {
        // Refill about ten times a second; the period follows from the tokens so that low rates stay exact.
        int perSecond = Math.Max(1, _options.RequestsPerSecond);
        int tokens = Math.Max(1, perSecond / 10);
        return new TokenBucketRateLimiter(Options(Math.Max(1, _options.Burst), tokens, TimeSpan.FromSeconds((double)tokens / perSecond)));
    }

    private static TokenBucketRateLimiterOptions Options(int burst, int tokens, TimeSpan period) => new()
    {
        TokenLimit = burst,
        TokensPerPeriod = tokens,
        ReplenishmentPeriod = period,
        QueueLimit = int.MaxValue,
        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        AutoReplenishment = true,
    };
}
