// SPDX-License-Identifier: Apache-2.0

using System.Collections.Concurrent;
using Lineage.Metadata.Cron;
using Lineage.Metadata.Model;
using Lineage.Metadata.Service;
using Lineage.Node.Evm;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Lineage.Node.Cron;

/// <summary>
/// The node's mint watcher: keeps one <see cref="CronFollower"/> running per enabled cron, restarts it when the
/// cron is updated, stops it when the cron is disabled, and exposes every cron's status. All followers are owned
/// tasks, cancelled and awaited on <see cref="DisposeAsync"/>; a failing cron never affects the others or the node.
/// </summary>
public sealed class CronWatcher : IAsyncDisposable
{
    private readonly ITransactionService _service;
    private readonly ICronProgressStore _store;
    private readonly CronWatcherOptions _options;
    private readonly TimeProvider _time;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private readonly HttpClient _http;
    private readonly EvmEndpointLimiters _limiters;
    private readonly IDisposable? _ownedStore;
    private readonly ConcurrentDictionary<string, Running> _running = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, CronStatus> _stopped = new(StringComparer.Ordinal);
    private readonly WakeSignal _wake = new();
    private readonly CancellationTokenSource _stop = new();
    private Task? _supervisor;

    public CronWatcher(
        ITransactionService service,
        ICronProgressStore store,
        CronWatcherOptions options,
        TimeProvider? time = null,
        ILoggerFactory? loggerFactory = null)
        : this(service, store, options, time, loggerFactory, ownedStore: null)
    {
    }

    private CronWatcher(
        ITransactionService service,
        ICronProgressStore store,
        CronWatcherOptions options,
        TimeProvider? time,
        ILoggerFactory? loggerFactory,
        IDisposable? ownedStore)
    {
        _service = service;
        _store = store;
        _options = options;
        _time = time ?? TimeProvider.System;
        _loggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
        _logger = _loggerFactory.CreateLogger<CronWatcher>();
        _ownedStore = ownedStore;
        _http = new HttpClient(new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),

            // A redirect would lead the node to a URL the allow-list never saw.
            AllowAutoRedirect = false,
        })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
        _limiters = new EvmEndpointLimiters(options.Evm);
    }

    /// <summary>A watcher whose progress lives in <c>cron.db</c> in <paramref name="dataDirectory"/> (closed on dispose).</summary>
    public static CronWatcher Create(
        ITransactionService service,
        string dataDirectory,
        CronWatcherOptions options,
        TimeProvider? time = null,
        ILoggerFactory? loggerFactory = null)
    {
        var store = new SqliteCronProgressStore(dataDirectory);
        return new CronWatcher(service, store, options, time, loggerFactory, store);
    }

    /// <summary>Starts the supervisor (it starts the followers). Does nothing when the watcher is disabled.</summary>
    public void Start()
    {
        if (!_options.Enabled || _supervisor is not null)
        {
            return;
        }

        _supervisor = SuperviseAsync(_stop.Token);
    }

    /// <summary>Re-reads the cron table now (call after a cron transaction executed).</summary>
    public void Refresh() => _wake.Wake();

    /// <summary>Status of every cron the watcher knows (running or stopped), ordered by hash.</summary>
    public IReadOnlyList<CronStatus> GetStatuses() =>
        _running.Values.Select(r => r.Follower?.Status ?? r.Invalid!)
            .Concat(_stopped.Where(s => !_running.ContainsKey(s.Key)).Select(s => s.Value))
            .OrderBy(s => s.Hash, StringComparer.Ordinal)
            .ToList();

    /// <summary>Status of one cron, or null when the watcher has never seen it.</summary>
    public CronStatus? GetStatus(string cronHash) =>
        _running.TryGetValue(cronHash, out Running? running) ? running.Follower?.Status ?? running.Invalid
        : _stopped.TryGetValue(cronHash, out CronStatus? stopped) ? stopped : null;

    /// <summary>Asks every follower to poll now.</summary>
    public void WakeFollowers()
    {
        foreach (Running running in _running.Values)
        {
            running.Follower?.Wake();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_supervisor is not null)
        {
            await _supervisor.ConfigureAwait(false);
        }

        foreach (string hash in _running.Keys.ToList())
        {
            await StopAsync(hash).ConfigureAwait(false);
        }

        _limiters.Dispose();
        _http.Dispose();
        _ownedStore?.Dispose();
        _stop.Dispose();
    }

    private async Task SuperviseAsync(CancellationToken cancellationToken)
    {
        TimeSpan interval = _options.RefreshInterval ?? _options.Follower.PollInterval;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await ReconcileAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                Log.ReconcileFailed(_logger, e);
            }

            try
            {
                await _wake.WaitAsync(interval, _time, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task ReconcileAsync(CancellationToken cancellationToken)
    {
        CronsResult all = await _service.GetAllCronsAsync(cancellationToken).ConfigureAwait(false);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (CronRecord cron in all.Crons)
        {
            seen.Add(cron.Hash);
            bool enabled = cron.Status == CronActions.StatusEnabled;
            if (_running.TryGetValue(cron.Hash, out Running? running))
            {
                if (enabled && SameConfiguration(running.Cron, cron))
                {
                    continue;
                }

                await StopAsync(cron.Hash).ConfigureAwait(false);
            }

            if (enabled)
            {
                StartFollower(cron);
            }
        }

        foreach (string hash in _running.Keys.Where(h => !seen.Contains(h)).ToList())
        {
            await StopAsync(hash).ConfigureAwait(false);
        }
    }

    private void StartFollower(CronRecord cron)
    {
        if (!EvmEndpoint.TryParse(cron.NodeUrl, out Uri endpoint, out string error))
        {
            MarkInvalid(cron, "-", error);
            return;
        }

        string display = EvmEndpoint.Display(endpoint);
        if (!_options.AllowedEndpoints.Allows(endpoint))
        {
            MarkInvalid(cron, display,
                $"node_url host '{endpoint.Host}' (port {endpoint.Port}) is not in the node's EVM endpoint allow-list ({_options.AllowedEndpoints}); see --cron-allowed-endpoints");
            return;
        }

        var client = new HttpEvmChainClient(_http, endpoint, _options.Evm, _limiters.For(endpoint));
        var follower = new CronFollower(cron, client, _service, _store, _options.Follower, _time, _loggerFactory.CreateLogger<CronFollower>());
        var cancellation = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
        _stopped.TryRemove(cron.Hash, out _);
        Task task = follower.RunAsync(cancellation.Token);
        if (_options.SubscribeToNewHeads)
        {
            // New blocks wake the follower at once; its own polling carries on regardless.
            var heads = new EvmHeadSubscription(endpoint, follower.Wake, _time, _loggerFactory.CreateLogger<EvmHeadSubscription>());
            task = Task.WhenAll(task, heads.RunAsync(cancellation.Token));
        }

        _running[cron.Hash] = new Running(cron, follower, null, cancellation, task);
        Log.FollowerStarted(_logger, cron.Hash, display);
    }

    private void MarkInvalid(CronRecord cron, string endpoint, string error)
    {
        var status = new CronStatus
        {
            Hash = cron.Hash,
            State = CronFollower.StateName(CronFollowerState.Invalid),
            Endpoint = endpoint,
            Confirmations = _options.Follower.Confirmations,
            LastError = error,
            LastErrorAt = _time.GetUtcNow().ToUnixTimeMilliseconds(),
        };
        _running[cron.Hash] = new Running(cron, null, status, null, Task.CompletedTask);
        Log.FollowerInvalid(_logger, cron.Hash, error);
    }

    private async Task StopAsync(string hash)
    {
        if (!_running.TryRemove(hash, out Running? running))
        {
            return;
        }

        if (running.Cancellation is not null)
        {
            await running.Cancellation.CancelAsync().ConfigureAwait(false);
        }

        try
        {
            await running.Task.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // stopping
        }

        running.Cancellation?.Dispose();
        CronStatus last = running.Follower?.Status ?? running.Invalid!;
        _stopped[hash] = last with { State = CronFollower.StateName(CronFollowerState.Stopped) };
        Log.FollowerStopped(_logger, hash);
    }

    private static bool SameConfiguration(CronRecord a, CronRecord b) =>
        a.NodeUrl == b.NodeUrl && a.MetaContractId == b.MetaContractId && a.Address == b.Address
        && a.Chain == b.Chain && a.Topic == b.Topic && a.TokenKey == b.TokenKey && a.TokenType == b.TokenType;

    private sealed record Running(CronRecord Cron, CronFollower? Follower, CronStatus? Invalid, CancellationTokenSource? Cancellation, Task Task);
}
