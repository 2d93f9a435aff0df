// SPDX-License-Identifier: Apache-2.0

using System.Collections.Concurrent;
using Lineage.P2p.Identity;

namespace Lineage.P2p.Hosting;

/// <summary>
/// Tracks open connections per peer and enforces <see cref="ConnectionLimits"/>: the total and pending-inbound
/// caps are checked before a handshake is spent, per-peer caps after authentication, and a trimmer closes
/// connections that stay without streams, oldest-idle first when above the high-water mark.
/// </summary>
public sealed class ConnectionManager
{
    private readonly ConnectionLimits _limits;
    private readonly Dictionary<PeerId, List<Connection>> _byPeer = [];
    private readonly ConcurrentDictionary<PeerId, int> _protected = new();
    private int _count;
    private int _pendingInbound;

    internal ConnectionManager(ConnectionLimits limits)
    {
        _limits = limits;
    }

    public ConnectionLimits Limits => _limits;

    /// <summary>Open connections.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>All open connections (snapshot).</summary>
    public IReadOnlyList<Connection> All
    {
        get
        {
            lock (_byPeer)
            {
                return _byPeer.Values.SelectMany(c => c).ToArray();
            }
        }
    }

    /// <summary>Peers with at least one open connection.</summary>
    public IReadOnlyList<PeerId> ConnectedPeers
    {
        get
        {
            lock (_byPeer)
            {
                return [.. _byPeer.Keys];
            }
        }
    }

    /// <summary>The oldest open connection to the peer, if any.</summary>
    public Connection? Get(PeerId peer)
    {
        lock (_byPeer)
        {
            return _byPeer.TryGetValue(peer, out List<Connection>? list) ? list.FirstOrDefault(c => !c.IsClosed) : null;
        }
    }

    public IReadOnlyList<Connection> GetAll(PeerId peer)
    {
        lock (_byPeer)
        {
            return _byPeer.TryGetValue(peer, out List<Connection>? list) ? [.. list] : [];
        }
    }

    /// <summary>Exempts a peer's connections from trimming (counted: call <see cref="Unprotect"/> as often).</summary>
    public void Protect(PeerId peer) => _protected.AddOrUpdate(peer, 1, (_, n) => n + 1);

    public void Unprotect(PeerId peer)
    {
        if (_protected.AddOrUpdate(peer, 0, (_, n) => Math.Max(0, n - 1)) == 0)
        {
            _protected.TryRemove(new KeyValuePair<PeerId, int>(peer, 0));
        }
    }

    internal string? TryBeginInbound()
    {
        if (Volatile.Read(ref _count) + Volatile.Read(ref _pendingInbound) >= _limits.MaxConnections)
        {
            return $"connection limit {_limits.MaxConnections} reached";
        }

        if (Interlocked.Increment(ref _pendingInbound) > _limits.MaxPendingInbound)
        {
            Interlocked.Decrement(ref _pendingInbound);
            return $"pending inbound limit {_limits.MaxPendingInbound} reached";
        }

        return null;
    }

    internal void EndInbound() => Interlocked.Decrement(ref _pendingInbound);

    internal string? TryAdd(Connection connection)
    {
        lock (_byPeer)
        {
            if (_count >= _limits.MaxConnections)
            {
                return $"connection limit {_limits.MaxConnections} reached";
            }

            if (!_byPeer.TryGetValue(connection.RemotePeer, out List<Connection>? list))
            {
                list = [];
                _byPeer.Add(connection.RemotePeer, list);
            }

            if (list.Count >= _limits.MaxConnectionsPerPeer)
            {
                return $"per-peer connection limit {_limits.MaxConnectionsPerPeer} reached for {connection.RemotePeer}";
            }

            list.Add(connection);
            _count++;
            return null;
        }
    }

    internal bool Remove(Connection connection)
    {
        lock (_byPeer)
        {
            if (!_byPeer.TryGetValue(connection.RemotePeer, out List<Connection>? list) || !list.Remove(connection))
            {
                return false;
            }

            if (list.Count == 0)
            {
                _byPeer.Remove(connection.RemotePeer);
            }

            _count--;
            return true;
        }
    }

    /// <summary>Connections the trimmer should close now.</summary>
    internal IReadOnlyList<Connection> SelectForTrimming()
    {
        DateTimeOffset now = DateTimeOffset.UtcNow;
        Connection[] candidates = All
            .Where(c => !c.IsClosed && c.StreamCount == 0 && now - c.Opened > _limits.GracePeriod && !_protected.ContainsKey(c.RemotePeer))
            .OrderByDescending(c => c.IdleTime)
            .ToArray();
        var victims = new List<Connection>();
        if (_limits.IdleTimeout > TimeSpan.Zero)
        {
            victims.AddRange(candidates.Where(c => c.IdleTime >= _limits.IdleTimeout));
        }

        int excess = Count - victims.Count - _limits.LowWater;
        if (Count > _limits.HighWater && excess > 0)
        {
            victims.AddRange(candidates.Where(c => !victims.Contains(c)).Take(excess));
        }

        return victims;
    }
}
