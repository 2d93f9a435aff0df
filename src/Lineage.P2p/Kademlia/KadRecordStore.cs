// SPDX-License-Identifier: Apache-2.0

using System.Collections.Concurrent;
using Lineage.P2p.Identity;

namespace Lineage.P2p.Kademlia;

/// <summary>Value and provider records held by this node, each with an expiry.</summary>
public sealed class KadRecordStore
{
    private const int MaxProvidersPerKey = 64;
    private readonly ConcurrentDictionary<string, (KadRecord Record, DateTimeOffset Expires)> _records = new();
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<PeerId, DateTimeOffset>> _providers = new();
    private readonly TimeProvider _time;

    public KadRecordStore(TimeProvider? time = null)
    {
        _time = time ?? TimeProvider.System;
    }

    public int RecordCount => _records.Count;

    public void Put(KadRecord record, TimeSpan ttl)
    {
        ArgumentNullException.ThrowIfNull(record);
        _records[Convert.ToHexString(record.Key)] = (record, _time.GetUtcNow() + ttl);
    }

    public KadRecord? Get(byte[] key)
    {
        string id = Convert.ToHexString(key);
        if (_records.TryGetValue(id, out var entry))
        {
            if (entry.Expires > _time.GetUtcNow())
            {
                return entry.Record;
            }

            _records.TryRemove(id, out _);
        }

        return null;
    }

    public void AddProvider(byte[] key, PeerId provider, TimeSpan ttl)
    {
        ConcurrentDictionary<PeerId, DateTimeOffset> set = _providers.GetOrAdd(Convert.ToHexString(key), _ => new());
        if (set.Count < MaxProvidersPerKey || set.ContainsKey(provider))
        {
            set[provider] = _time.GetUtcNow() + ttl;
        }
    }

    public IReadOnlyList<PeerId> GetProviders(byte[] key)
    {
        if (!_providers.TryGetValue(Convert.ToHexString(key), out var set))
        {
            return [];
        }

        DateTimeOffset now = _time.GetUtcNow();
        return set.Where(p => p.Value > now).Select(p => p.Key).ToArray();
    }

    /// <summary>Drops expired records and providers.</summary>
    public void Purge()
    {
        DateTimeOffset now = _time.GetUtcNow();
        foreach (var entry in _records)
        {
            if (entry.Value.Expires <= now)
            {
                _records.TryRemove(entry.Key, out _);
            }
        }

        foreach (var key in _providers)
        {
            foreach (var provider in key.Value)
            {
                if (provider.Value <= now)
                {
                    key.Value.TryRemove(provider.Key, out _);
                }
            }

            if (key.Value.IsEmpty)
            {
                _providers.TryRemove(key.Key, out _);
            }
        }
    }
}
