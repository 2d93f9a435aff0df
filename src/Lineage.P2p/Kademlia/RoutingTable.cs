// SPDX-License-Identifier: Apache-2.0

using Lineage.P2p.Identity;

namespace Lineage.P2p.Kademlia;

/// <summary>
/// k-buckets indexed by the common prefix length with our own position. A full bucket keeps its oldest entries
/// (long-lived peers are the reliable ones); a peer seen again moves to the bucket's tail.
/// </summary>
public sealed class RoutingTable
{
    private readonly byte[] _self;
    private readonly int _k;
    private readonly List<PeerId>[] _buckets = Enumerable.Range(0, 257).Select(_ => new List<PeerId>()).ToArray();

    public RoutingTable(PeerId self, int k)
    {
        ArgumentNullException.ThrowIfNull(self);
        _self = KadDistance.Position(self.Bytes);
        _k = k;
    }

    public int Count
    {
        get
        {
            lock (_buckets)
            {
                return _buckets.Sum(b => b.Count);
            }
        }
    }

    /// <summary>Adds or refreshes a peer; false when its bucket is full.</summary>
    public bool TryAdd(PeerId peer)
    {
        ArgumentNullException.ThrowIfNull(peer);
        int index = KadDistance.CommonPrefixLength(_self, KadDistance.Position(peer.Bytes));
        if (index == 256)
        {
            return false; // ourselves
        }

        lock (_buckets)
        {
            List<PeerId> bucket = _buckets[index];
            if (bucket.Remove(peer))
            {
                bucket.Add(peer);
                return true;
            }

            if (bucket.Count >= _k)
            {
                return false;
            }

            bucket.Add(peer);
            return true;
        }
    }

    public bool Remove(PeerId peer)
    {
        int index = KadDistance.CommonPrefixLength(_self, KadDistance.Position(peer.Bytes));
        lock (_buckets)
        {
            return _buckets[Math.Min(index, 256)].Remove(peer);
        }
    }

    public bool Contains(PeerId peer)
    {
        lock (_buckets)
        {
            return _buckets.Any(b => b.Contains(peer));
        }
    }

    /// <summary>The <paramref name="count"/> peers closest to <paramref name="key"/>.</summary>
    public IReadOnlyList<PeerId> Closest(ReadOnlySpan<byte> key, int count)
    {
        byte[] target = KadDistance.Position(key);
        PeerId[] all;
        lock (_buckets)
        {
            all = _buckets.SelectMany(b => b).ToArray();
        }

        return all.Select(p => (Peer: p, Distance: KadDistance.Between(target, KadDistance.Position(p.Bytes))))
            .OrderBy(x => x.Distance)
            .Take(count)
            .Select(x => x.Peer)
            .ToArray();
    }

    /// <summary>Indexes of non-empty buckets (for refresh).</summary>
    public IReadOnlyList<int> NonEmptyBuckets()
    {
        lock (_buckets)
        {
            return Enumerable.Range(0, 256).Where(i => _buckets[i].Count > 0).ToArray();
        }
    }
}
