// SPDX-License-Identifier: Apache-2.0

using System.Collections.Concurrent;
using System.Globalization;
using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using Lineage.P2p.Hosting;
using Lineage.P2p.Identity;
using Lineage.P2p.Multiaddresses;
using Lineage.P2p.Protobuf;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Lineage.P2p.Kademlia;

/// <summary>
/// Kademlia DHT on a <see cref="Libp2pHost"/>: FIND_NODE, PUT/GET_VALUE, ADD/GET_PROVIDERS (and the deprecated
/// PING, answered but never sent). Peers enter the routing table when identify shows they serve our DHT protocol
/// with an address, or when they answer a query. Lookups run rounds of α requests until the k closest peers seen
/// have all answered. Records and provider records expire; buckets are refreshed periodically.
/// </summary>
public sealed partial class KademliaDht : IAsyncDisposable
{
    private readonly Libp2pHost _host;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private Task _refreshLoop = Task.CompletedTask;

    public KademliaDht(Libp2pHost host, KadOptions? options = null, ILogger<KademliaDht>? logger = null)
    {
        _host = host ?? throw new ArgumentNullException(nameof(host));
        Options = options ?? new KadOptions();
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        RoutingTable = new RoutingTable(host.PeerId, Options.K);
        host.Identify.PeerIdentified += OnPeerIdentified;
        if (!Options.ClientMode)
        {
            host.SetHandler(Options.ProtocolId, HandleStreamAsync);
        }
    }

    public KadOptions Options { get; }

    public RoutingTable RoutingTable { get; }

    public KadRecordStore Store { get; } = new();

    /// <summary>Starts periodic bucket refresh and record expiry.</summary>
    public void Start() => _refreshLoop = Task.Run(RefreshLoopAsync, CancellationToken.None);

    /// <summary>Adds a known server-mode peer (e.g. a bootstrap node) with its addresses.</summary>
    public void AddPeer(PeerId peer, IEnumerable<Multiaddr> addresses)
    {
        _host.PeerStore.AddAddresses(peer, addresses);
        RoutingTable.TryAdd(peer);
    }

    /// <summary>Looks up a peer's addresses: the local peer store first, then the network.</summary>
    public async Task<KadPeer?> FindPeerAsync(PeerId peer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(peer);
        KadPeer? found = null;
        await LookupAsync(peer.ToBytes(), KadMessageType.FindNode, response =>
        {
            KadPeer? match = response.CloserPeers?.FirstOrDefault(p => p.Id == peer && p.Addresses.Count > 0);
            if (match is not null)
            {
                found = match;
                return true;
            }

            return false;
        }, cancellationToken).ConfigureAwait(false);
        return found;
    }

    /// <summary>The k peers closest to <paramref name="key"/> that answered.</summary>
    public Task<IReadOnlyList<PeerId>> GetClosestPeersAsync(byte[] key, CancellationToken cancellationToken) =>
        LookupAsync(key, KadMessageType.FindNode, _ => false, cancellationToken);

    /// <summary>Stores a value locally and at the k closest peers; returns how many peers accepted it.</summary>
    public async Task<int> PutValueAsync(byte[] key, byte[] value, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        Validate(key, value);
        Store.Put(new KadRecord(key, value, Now()), Options.RecordTtl);
        IReadOnlyList<PeerId> closest = await GetClosestPeersAsync(key, cancellationToken).ConfigureAwait(false);
        var request = new KadMessage(KadMessageType.PutValue, key, new KadRecord(key, value));
        int[] stored = await Task.WhenAll(closest.Select(async peer =>
        {
            KadMessage? answer = await TryRequestAsync(peer, request, cancellationToken).ConfigureAwait(false);
            return answer is not null ? 1 : 0;
        })).ConfigureAwait(false);
        return stored.Sum();
    }

    /// <summary>Gets a value: the local store first, then the network (stops at the first valid record).</summary>
    public async Task<byte[]?> GetValueAsync(byte[] key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (Store.Get(key) is { } local)
        {
            return local.Value;
        }

        byte[]? found = null;
        await LookupAsync(key, KadMessageType.GetValue, response =>
        {
            if (response.Record is { } record && record.Key.AsSpan().SequenceEqual(key) && IsValid(key, record.Value))
            {
                found = record.Value;
                return true;
            }

            return false;
        }, cancellationToken).ConfigureAwait(false);
        return found;
    }

    /// <summary>Announces this node as a provider of <paramref name="key"/> (a CID's multihash) to the k closest peers.</summary>
    public async Task<int> ProvideAsync(byte[] key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        Store.AddProvider(key, _host.PeerId, Options.ProviderTtl);
        IReadOnlyList<PeerId> closest = await GetClosestPeersAsync(key, cancellationToken).ConfigureAwait(false);
        var self = new KadPeer(_host.PeerId, _host.ListenAddresses);
        var request = new KadMessage(KadMessageType.AddProvider, key, ProviderPeers: [self]);
        int[] sent = await Task.WhenAll(closest.Select(async peer =>
        {
            // ADD_PROVIDER has no response: success means the message was written.
            return await TrySendAsync(peer, request, cancellationToken).ConfigureAwait(false) ? 1 : 0;
        })).ConfigureAwait(false);
        return sent.Sum();
    }

    /// <summary>Finds providers of <paramref name="key"/>: local records first, then the network.</summary>
    public async Task<IReadOnlyList<KadPeer>> FindProvidersAsync(byte[] key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        var providers = new ConcurrentDictionary<PeerId, KadPeer>();
        foreach (PeerId local in Store.GetProviders(key))
        {
            providers[local] = new KadPeer(local, local == _host.PeerId ? _host.ListenAddresses : _host.PeerStore.GetAddresses(local));
        }

        if (!providers.IsEmpty)
        {
            return [.. providers.Values];
        }

        await LookupAsync(key, KadMessageType.GetProviders, response =>
        {
            foreach (KadPeer provider in response.ProviderPeers ?? [])
            {
                _host.PeerStore.AddAddresses(provider.Id, provider.Addresses);
                providers[provider.Id] = provider;
            }

            return !providers.IsEmpty;
        }, cancellationToken).ConfigureAwait(false);
        return [.. providers.Values];
    }

    /// <summary>Refreshes the routing table: a self lookup plus a random lookup per non-empty bucket.</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        Store.Purge();
        await GetClosestPeersAsync(_host.PeerId.ToBytes(), cancellationToken).ConfigureAwait(false);
        byte[] self = KadDistance.Position(_host.PeerId.Bytes);
        foreach (int bucket in RoutingTable.NonEmptyBuckets().Where(b => b <= 10))
        {
            byte[] key = RandomKeyInBucket(self, bucket);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(10));
            try
            {
                await GetClosestPeersAsync(key, timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _host.Identify.PeerIdentified -= OnPeerIdentified;
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _refreshLoop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    // ---- lookups ----

    private async Task<IReadOnlyList<PeerId>> LookupAsync(byte[] key, KadMessageType type, Func<KadMessage, bool> onResponse, CancellationToken cancellationToken)
    {
        byte[] target = KadDistance.Position(key);
        var candidates = new ConcurrentDictionary<PeerId, BigInteger>();
        var queried = new ConcurrentDictionary<PeerId, bool>();
        foreach (PeerId peer in RoutingTable.Closest(key, Options.K))
        {
            candidates[peer] = KadDistance.Between(target, KadDistance.Position(peer.Bytes));
        }

        bool done = false;
        var request = new KadMessage(type, key);
        while (!done)
        {
            cancellationToken.ThrowIfCancellationRequested();
            PeerId[] closest = candidates.Where(c => !queried.TryGetValue(c.Key, out bool ok) || ok).OrderBy(c => c.Value).Take(Options.K).Select(c => c.Key).ToArray();
            PeerId[] round = closest.Where(p => !queried.ContainsKey(p)).Take(Options.Alpha).ToArray();
            if (round.Length == 0)
            {
                break;
            }

            await Task.WhenAll(round.Select(async peer =>
            {
                KadMessage? response = await TryRequestAsync(peer, request, cancellationToken).ConfigureAwait(false);
                queried[peer] = response is not null;
                if (response is null)
                {
                    return;
                }

                RoutingTable.TryAdd(peer);
                foreach (KadPeer closer in response.CloserPeers ?? [])
                {
                    if (closer.Id == _host.PeerId || closer.Addresses.Count == 0)
                    {
                        continue;
                    }

                    _host.PeerStore.AddAddresses(closer.Id, closer.Addresses);
                    candidates.TryAdd(closer.Id, KadDistance.Between(target, KadDistance.Position(closer.Id.Bytes)));
                }

                if (onResponse(response))
                {
                    done = true;
                }
            })).ConfigureAwait(false);
        }

        return candidates.Where(c => queried.TryGetValue(c.Key, out bool ok) && ok).OrderBy(c => c.Value).Take(Options.K).Select(c => c.Key).ToArray();
    }

    private async Task<KadMessage?> TryRequestAsync(PeerId peer, KadMessage request, CancellationToken cancellationToken)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(Options.RequestTimeout);
            P2pStream stream = await _host.NewStreamAsync(peer, Options.ProtocolId, timeout.Token).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                LengthPrefixed.Write(stream.Output, request.Encode());
                await stream.Output.FlushAsync(timeout.Token).ConfigureAwait(false);
                byte[]? body = await LengthPrefixed.ReadAsync(stream.Input, Options.MaxMessageSize, timeout.Token).ConfigureAwait(false);
                return body is null ? null : KadMessage.Decode(body);
            }
        }
        catch (Exception ex) when (ex is IOException or P2pProtocolException or OperationCanceledException or TimeoutException or NotSupportedException && !cancellationToken.IsCancellationRequested)
        {
            LogRequestFailed(_logger, request.Type, peer, ex.Message);
            RoutingTable.Remove(peer);
            return null;
        }
    }

    private async Task<bool> TrySendAsync(PeerId peer, KadMessage message, CancellationToken cancellationToken)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(Options.RequestTimeout);
            P2pStream stream = await _host.NewStreamAsync(peer, Options.ProtocolId, timeout.Token).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                LengthPrefixed.Write(stream.Output, message.Encode());
                await stream.Output.FlushAsync(timeout.Token).ConfigureAwait(false);
                await stream.CloseWriteAsync(timeout.Token).ConfigureAwait(false);
                return true;
            }
        }
        catch (Exception ex) when (ex is IOException or P2pProtocolException or OperationCanceledException or TimeoutException && !cancellationToken.IsCancellationRequested)
        {
            LogRequestFailed(_logger, message.Type, peer, ex.Message);
            return false;
        }
    }

    // ---- serving ----

    private async Task HandleStreamAsync(P2pStream stream, CancellationToken cancellationToken)
    {
        RoutingTable.TryAdd(stream.RemotePeer);
        while (true)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromMinutes(1));
            byte[]? body = await LengthPrefixed.ReadAsync(stream.Input, Options.MaxMessageSize, timeout.Token).ConfigureAwait(false);
            if (body is null)
            {
                break;
            }

            KadMessage request = KadMessage.Decode(body);
            KadMessage? response = Handle(request, stream.RemotePeer);
            if (response is not null)
            {
                LengthPrefixed.Write(stream.Output, response.Encode());
                await stream.Output.FlushAsync(timeout.Token).ConfigureAwait(false);
            }
        }

        await stream.CloseWriteAsync(cancellationToken).ConfigureAwait(false);
    }

    private KadMessage? Handle(KadMessage request, PeerId sender)
    {
        byte[] key = request.Key ?? [];
        switch (request.Type)
        {
            case KadMessageType.Ping:
                return request;
            case KadMessageType.FindNode:
                return new KadMessage(KadMessageType.FindNode, key, CloserPeers: CloserPeers(key, sender));
            case KadMessageType.GetValue:
                return new KadMessage(KadMessageType.GetValue, key, Store.Get(key), CloserPeers(key, sender));
            case KadMessageType.PutValue:
                {
                    KadRecord record = request.Record ?? throw new P2pProtocolException("kad: PUT_VALUE without a record");
                    if (!record.Key.AsSpan().SequenceEqual(key))
                    {
                        throw new P2pProtocolException("kad: PUT_VALUE key differs from the record key");
                    }

                    Validate(key, record.Value);
                    Store.Put(record with { TimeReceived = Now() }, Options.RecordTtl);
                    return request;
                }

            case KadMessageType.AddProvider:
                foreach (KadPeer provider in request.ProviderPeers ?? [])
                {
                    // Only the sender may announce itself, and only with an address (as js requires).
                    if (provider.Id == sender && provider.Addresses.Count > 0)
                    {
                        _host.PeerStore.AddAddresses(provider.Id, provider.Addresses);
                        Store.AddProvider(key, provider.Id, Options.ProviderTtl);
                    }
                }

                return null;
            case KadMessageType.GetProviders:
                {
                    KadPeer[] providers = Store.GetProviders(key)
                        .Select(p => new KadPeer(p, p == _host.PeerId ? _host.ListenAddresses : _host.PeerStore.GetAddresses(p)))
                        .Where(p => p.Addresses.Count > 0)
                        .ToArray();
                    return new KadMessage(KadMessageType.GetProviders, key, CloserPeers: CloserPeers(key, sender), ProviderPeers: providers);
                }

            default:
                throw new P2pProtocolException($"kad: unsupported message type {request.Type}");
        }
    }

    private KadPeer[] CloserPeers(byte[] key, PeerId requester)
    {
        var peers = RoutingTable.Closest(key, Options.K + 1)
            .Where(p => p != requester)
            .Select(p => new KadPeer(p, _host.PeerStore.GetAddresses(p)))
            .Where(p => p.Addresses.Count > 0)
            .Take(Options.K)
            .ToList();
        if (key.AsSpan().SequenceEqual(_host.PeerId.Bytes))
        {
            peers.Insert(0, new KadPeer(_host.PeerId, _host.ListenAddresses));
        }

        return [.. peers];
    }

    private void Validate(byte[] key, byte[] value)
    {
        if (!IsValid(key, value))
        {
            throw new P2pProtocolException($"kad: record for key {Printable(key)} failed validation");
        }
    }

    private bool IsValid(byte[] key, byte[] value)
    {
        string text = Encoding.UTF8.GetString(key);
        int slash = text.IndexOf('/', 1);
        if (text.Length < 3 || text[0] != '/' || slash < 0)
        {
            return false;
        }

        string ns = text[1..slash];
        if (ns == "pk")
        {
            byte[] rest = key.AsSpan(Encoding.UTF8.GetByteCount(text[..(slash + 1)])).ToArray();
            try
            {
                return PublicKey.FromProtobuf(value).ToPeerId().Bytes.SequenceEqual(rest);
            }
            catch (Exception ex) when (ex is FormatException or P2pProtocolException)
            {
                return false;
            }
        }

        return Options.Validators.TryGetValue(ns, out Func<byte[], byte[], bool>? validator) && validator(key, value);
    }

    private void OnPeerIdentified(PeerId peer, PeerInfo info)
    {
        if (info.Protocols.Contains(Options.ProtocolId) && info.Addresses.Count > 0)
        {
            RoutingTable.TryAdd(peer);
        }
    }

    private async Task RefreshLoopAsync()
    {
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(1), _stop.Token).ConfigureAwait(false);
            using var timer = new PeriodicTimer(Options.RefreshInterval);
            do
            {
                try
                {
                    await RefreshAsync(_stop.Token).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is IOException or P2pProtocolException)
                {
                    LogRefreshFailed(_logger, ex.Message);
                }
            }
            while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false));
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static byte[] RandomKeyInBucket(byte[] self, int bucket)
    {
        for (int attempt = 0; attempt < 1 << 14; attempt++)
        {
            byte[] candidate = RandomNumberGenerator.GetBytes(32);
            if (KadDistance.CommonPrefixLength(self, KadDistance.Position(candidate)) == bucket)
            {
                return candidate;
            }
        }

        return RandomNumberGenerator.GetBytes(32);
    }

    private static string Now() => DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static string Printable(byte[] key) => Encoding.UTF8.GetString(key).Length <= 80 ? Encoding.UTF8.GetString(key) : Convert.ToHexString(key.AsSpan(0, 32));

    [LoggerMessage(EventId = 104_300, Level = LogLevel.Debug, Message = "kad {Type} to {PeerId} failed: {Reason}")]
    private static partial void LogRequestFailed(ILogger logger, KadMessageType type, PeerId peerId, string reason);

    [LoggerMessage(EventId = 104_301, Level = LogLevel.Information, Message = "kad bucket refresh failed: {Reason}")]
    private static partial void LogRefreshFailed(ILogger logger, string reason);
}
