// SPDX-License-Identifier: Apache-2.0

using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Lineage.Peer.Particles;

/// <summary>
/// The gate every particle passes before any execution (nox dispatcher + plumber <c>ingest</c>): expiry
/// (<c>timestamp + ttl</c>), the init peer's Ed25519 signature, and replays. A replay is a byte-identical copy
/// (same id, signature and data) of a particle already admitted while it is still alive: it carries nothing new
/// for AquaVM's merge, so it is dropped instead of spending an interpreter run. A node may also cap how far ahead a
/// particle's deadline lies: actors, prev_data and replay entries live until the deadline, so the cap bounds how long
/// one particle can hold them. Rejections are logged with the particle id and the sender.
/// </summary>
public sealed class ParticleAdmission
{
    private readonly ConcurrentDictionary<ReplayKey, ulong> _seen = new();
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ulong _maxLifetimeMs;
    private long _lastSweepMs;

    /// <param name="time">Clock for expiry (tests inject one).</param>
    /// <param name="logger">Rejections are logged here.</param>
    /// <param name="maxLifetime">Largest accepted <c>timestamp + ttl - now</c>; null accepts any deadline.</param>
    public ParticleAdmission(TimeProvider? time = null, ILogger<ParticleAdmission>? logger = null, TimeSpan? maxLifetime = null)
    {
        if (maxLifetime is { } max && max <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(maxLifetime), "the particle lifetime limit must be positive");
        }

        _time = time ?? TimeProvider.System;
        _logger = logger ?? NullLogger<ParticleAdmission>.Instance;
        _maxLifetimeMs = maxLifetime is { } limit ? (ulong)limit.TotalMilliseconds : ulong.MaxValue;
    }

    /// <summary>Number of particle copies remembered for replay detection.</summary>
    public int RememberedCount => _seen.Count;

    /// <summary>Current Unix time in milliseconds from the injected clock.</summary>
    public ulong NowUnixMs => (ulong)_time.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>Checks <paramref name="particle"/>; anything but <see cref="ParticleVerdict.Accepted"/> must not run.</summary>
    public ParticleVerdict Admit(Particle particle, string from)
    {
        ArgumentNullException.ThrowIfNull(particle);
        ulong now = NowUnixMs;
        SweepIfDue(now);
        if (particle.IsExpired(now))
        {
            Log.ParticleRejected(_logger, particle.Id, from, ParticleVerdict.Expired, $"deadline {particle.Deadline?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "overflows"} < now {now}");
            return ParticleVerdict.Expired;
        }

        if (particle.Deadline!.Value - now > _maxLifetimeMs)
        {
            Log.ParticleRejected(_logger, particle.Id, from, ParticleVerdict.TtlTooLong, $"deadline {particle.Deadline} is more than {_maxLifetimeMs} ms after now {now}");
            return ParticleVerdict.TtlTooLong;
        }

        if (!ParticleSignature.Verify(particle, out string? failure))
        {
            Log.ParticleRejected(_logger, particle.Id, from, ParticleVerdict.BadSignature, failure!);
            return ParticleVerdict.BadSignature;
        }

        var key = new ReplayKey(particle.Id, Convert.ToBase64String(particle.Signature.Span), Convert.ToBase64String(SHA256.HashData(particle.Data.Span)));
        if (!_seen.TryAdd(key, particle.Deadline!.Value))
        {
            Log.ParticleRejected(_logger, particle.Id, from, ParticleVerdict.Replayed, "identical copy already admitted");
            return ParticleVerdict.Replayed;
        }

        return ParticleVerdict.Accepted;
    }

    /// <summary>Forgets copies whose particles have expired.</summary>
    public void Sweep()
    {
        ulong now = NowUnixMs;
        foreach (KeyValuePair<ReplayKey, ulong> entry in _seen)
        {
            if (entry.Value < now)
            {
                _seen.TryRemove(entry);
            }
        }
    }

    private void SweepIfDue(ulong now)
    {
        long last = Interlocked.Read(ref _lastSweepMs);
        if ((long)now - last >= 1000 && Interlocked.CompareExchange(ref _lastSweepMs, (long)now, last) == last)
        {
            Sweep();
        }
    }

    private readonly record struct ReplayKey(string Id, string Signature, string DataHash);
}
