// SPDX-License-Identifier: Apache-2.0

using System.Collections.Concurrent;
using Lineage.Peer.AquaVm;
using Lineage.Peer.Particles;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Lineage.Peer.Actors;

/// <summary>
/// The node's particle pipeline (nox plumber + actors + effectors, fluence-peer.md §8.1): admits particles
/// (expiry, signature, replay) before anything runs, keeps one actor per (particle id, signature, peer scope),
/// runs AquaVM one interpretation at a time per actor, executes call requests concurrently and feeds their results
/// back, stores prev_data, routes the particle to the next peers, and reaps actors at their deadline.
/// </summary>
public sealed class ParticleProcessor : IAsyncDisposable
{
    private readonly ConcurrentDictionary<ActorKey, ParticleActor> _actors = new();
    private readonly ConcurrentDictionary<Task, byte> _work = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly IAquaVm _aquaVm;
    private readonly PeerScopeIdentity _host;
    private readonly IServiceCallDispatcher _services;
    private readonly IParticleRouter _router;
    private readonly IParticleDataStore _dataStore;
    private readonly ParticleAdmission _admission;
    private readonly ParticleProcessorOptions _options;
    private readonly ILogger _logger;
    private long _interpretations;

    public ParticleProcessor(
        IAquaVm aquaVm,
        PeerScopeIdentity host,
        IServiceCallDispatcher services,
        IParticleRouter router,
        IParticleDataStore? dataStore = null,
        ParticleAdmission? admission = null,
        ParticleProcessorOptions? options = null,
        ILogger<ParticleProcessor>? logger = null)
    {
        _aquaVm = aquaVm ?? throw new ArgumentNullException(nameof(aquaVm));
        _host = host ?? throw new ArgumentNullException(nameof(host));
        _services = services ?? throw new ArgumentNullException(nameof(services));
        _router = router ?? throw new ArgumentNullException(nameof(router));
        _dataStore = dataStore ?? new InMemoryParticleDataStore();
        _admission = admission ?? new ParticleAdmission();
        _options = options ?? new ParticleProcessorOptions();
        _logger = logger ?? NullLogger<ParticleProcessor>.Instance;
    }

    /// <summary>The peer id this processor executes as.</summary>
    public string HostPeerId => _host.PeerId;

    /// <summary>Actors alive (nox metric <c>alive_actors</c>).</summary>
    public int ActorCount => _actors.Count;

    /// <summary>AquaVM interpretations run so far.</summary>
    public long Interpretations => Interlocked.Read(ref _interpretations);

    /// <summary>
    /// Admits an incoming particle and hands it to its actor. Returns the verdict; a rejected particle is dropped
    /// without any execution.
    /// </summary>
    public ParticleVerdict Ingest(Particle particle, string from)
    {
        ArgumentNullException.ThrowIfNull(particle);
        ParticleVerdict verdict = _admission.Admit(particle, from);
        if (verdict != ParticleVerdict.Accepted)
        {
            return verdict;
        }

        Log.ParticleAccepted(_logger, particle.Id, from, particle.Data.Length);
        var key = new ActorKey(particle.Id, Convert.ToBase64String(particle.Signature.Span), _host.PeerId);
        ParticleActor actor = _actors.GetOrAdd(key, k => new ParticleActor(k, particle, this));
        actor.Deliver(particle);
        return verdict;
    }

    /// <summary>Removes actors whose particles have expired and are not running, with their prev_data.</summary>
    public async ValueTask<int> SweepExpiredAsync(CancellationToken cancellationToken)
    {
        ulong now = _admission.NowUnixMs;
        int removed = 0;
        foreach ((ActorKey key, ParticleActor actor) in _actors)
        {
            if (actor.Particle.IsExpired(now) && actor.TryRetire())
            {
                _actors.TryRemove(key, out _);
                await _dataStore.RemoveAsync(key, cancellationToken).ConfigureAwait(false);
                Log.ActorExpired(_logger, key.ParticleId);
                removed++;
            }
        }

        _admission.Sweep();
        return removed;
    }

    /// <summary>Waits until no actor is running and no call is executing (for tests and orderly shutdown).</summary>
    public async Task WhenIdleAsync(CancellationToken cancellationToken)
    {
        while (!_work.IsEmpty)
        {
            await Task.WhenAll(_work.Keys).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        try
        {
            await Task.WhenAll(_work.Keys).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        _stopping.Dispose();
    }

    internal void Track(Func<CancellationToken, Task> work)
    {
        Task task = Task.Run(() => work(_stopping.Token));
        _work.TryAdd(task, 0);
        _ = task.ContinueWith(t => _work.TryRemove(t, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>One AquaVM run of an actor plus its effects.</summary>
    internal async Task ExecuteAsync(ParticleActor actor, Particle particle, ReadOnlyMemory<byte> data, IReadOnlyDictionary<uint, CallResult> results, CancellationToken cancellationToken)
    {
        ActorKey key = actor.Key;
        if (particle.IsExpired(_admission.NowUnixMs))
        {
            Log.ExpiredBeforeRun(_logger, particle.Id);
            return;
        }

        ReadOnlyMemory<byte> prevData = await _dataStore.ReadAsync(key, cancellationToken).ConfigureAwait(false);
        var parameters = new RunParameters(
            particle.InitPeerId,
            _host.PeerId,
            particle.Timestamp,
            particle.Ttl,
            RunParameters.Ed25519KeyFormat,
            _host.SecretKeySeed,
            particle.Id,
            _options.AirSizeLimit,
            _options.ParticleSizeLimit,
            _options.CallResultSizeLimit,
            _options.HardLimitEnabled);
        byte[] callResults = results.Count == 0 ? CallResultsCodec.Empty.ToArray() : CallResultsCodec.Encode(results);

        InterpreterOutcome outcome = await _aquaVm.InvokeAsync(particle.Script, prevData, data, parameters, callResults, cancellationToken).ConfigureAwait(false);
        Interlocked.Increment(ref _interpretations);
        Log.Interpreted(_logger, particle.Id, outcome.RetCode, outcome.NextPeerPks.Count, outcome.ErrorMessage);

        // Never replace stored prev_data with the empty data a preparation error returns (fluence-peer.md §6.6).
        if (!(outcome.Data.IsEmpty && !prevData.IsEmpty))
        {
            await _dataStore.WriteAsync(key, outcome.Data, cancellationToken).ConfigureAwait(false);
        }

        if (particle.IsExpired(_admission.NowUnixMs))
        {
            Log.ExpiredBeforeRun(_logger, particle.Id);
            return;
        }

        Particle next = particle.WithData(outcome.Data);
        foreach (string peer in outcome.NextPeerPks)
        {
            if (peer == _host.PeerId)
            {
                actor.Deliver(next);
                continue;
            }

            string target = peer;
            Track(async ct =>
            {
                bool sent = await _router.SendAsync(target, next, ct).ConfigureAwait(false);
                if (!sent)
                {
                    Log.RouteFailed(_logger, particle.Id, target);
                }
            });
        }

        SortedDictionary<uint, CallRequest> requests;
        try
        {
            requests = CallRequestsCodec.Decode(outcome.CallRequests.Span);
        }
        catch (FormatException error)
        {
            Log.BadCallRequests(_logger, particle.Id, error.Message);
            return;
        }

        foreach ((uint callId, CallRequest request) in requests)
        {
            var context = new ParticleCallContext(particle, _host.PeerId, _host.PeerId, callId);
            Track(async ct =>
            {
                CallResult result;
                try
                {
                    result = await _services.CallAsync(context, request, ct).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (ct.IsCancellationRequested)
                {
                    return;
                }
#pragma warning disable CA1031 // a failing service must answer the particle with an error, never kill the actor
                catch (Exception error)
#pragma warning restore CA1031
                {
                    result = CallResult.Error($"Error calling {request.ServiceId}.{request.FunctionName}: {error.Message}");
                }

                Log.ServiceCalled(_logger, particle.Id, request.ServiceId, request.FunctionName, result.RetCode);
                actor.AddResult(callId, result);
            });
        }
    }

    internal void OnActorFault(ActorKey key, Exception error) => Log.ActorFailed(_logger, key.ParticleId, error);

    internal int MaxRunsPerActor => _options.MaxRunsPerActor;
}
