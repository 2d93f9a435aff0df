// SPDX-License-Identifier: Apache-2.0

namespace Lineage.P2p.Kademlia;

/// <summary>Kademlia DHT configuration.</summary>
public sealed class KadOptions
{
    /// <summary>The IPFS Amino DHT protocol id.</summary>
    public const string DefaultProtocolId = "/ipfs/kad/1.0.0";

    /// <summary>Protocol id; Fluence networks use <c>/fluence/kad/{network}/1.0.0</c>.</summary>
    public string ProtocolId { get; init; } = DefaultProtocolId;

    /// <summary>Bucket size and replication factor.</summary>
    public int K { get; init; } = 20;

    /// <summary>Concurrent requests per lookup round.</summary>
    public int Alpha { get; init; } = 3;

    /// <summary>Client mode: no inbound DHT handler and not advertised in identify.</summary>
    public bool ClientMode { get; init; }

    /// <summary>Lifetime of a stored value record.</summary>
    public TimeSpan RecordTtl { get; init; } = TimeSpan.FromHours(36);

    /// <summary>Lifetime of a provider record (republish about every 22 h).</summary>
    public TimeSpan ProviderTtl { get; init; } = TimeSpan.FromHours(48);

    /// <summary>Interval of bucket refresh (random lookup per non-empty bucket plus a self lookup).</summary>
    public TimeSpan RefreshInterval { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Deadline of one request to one peer.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Largest message accepted.</summary>
    public int MaxMessageSize { get; init; } = 1024 * 1024;

    /// <summary>
    /// Record validators by key namespace (<c>/ns/…</c>); <c>pk</c> is built in. A PUT for another namespace is
    /// refused. The function returns false for an invalid record.
    /// </summary>
    public IReadOnlyDictionary<string, Func<byte[], byte[], bool>> Validators { get; init; } = new Dictionary<string, Func<byte[], byte[], bool>>();
}
