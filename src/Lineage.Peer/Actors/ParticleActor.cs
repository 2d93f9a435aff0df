// SPDX-License-Identifier: Apache-2.0

using Lineage.Peer.AquaVm;
using Lineage.Peer.Particles;

namespace Lineage.Peer.Actors;

/// <summary>
/// One particle on one peer scope (nox <c>actor.rs</c>). Copies of the particle and call results land in its
/// mailbox; a single loop runs AquaVM on them one at a time: the next copy with its data, or — when only results
/// are waiting — the memoized particle with empty data plus every result collected so far.
/// </summary>
internal sealed class ParticleActor
{
    private readonly Lock _lock = new();
    private readonly Queue<Particle> _mailbox = new();
    private readonly Dictionary<uint, CallResult> _results = [];
    private readonly ParticleProcessor _processor;
    private bool _running;
    private bool _retired;
    private int _runs;

    public ParticleActor(ActorKey key, Particle particle, ParticleProcessor processor)
    {
        Key = key;
        Particle = particle;
        _processor = processor;
    }

    public ActorKey Key { get; }

    /// <summary>The first copy seen (memoized for result-only runs).</summary>
    public Particle Particle { get; }

    public void Deliver(Particle particle)
    {
        lock (_lock)
        {
            if (_retired)
            {
                return;
            }

            _mailbox.Enqueue(particle);
            StartIfIdle();
        }
    }

    public void AddResult(uint callId, CallResult result)
    {
        lock (_lock)
        {
            if (_retired)
            {
                return;
            }

            _results[callId] = result;
            StartIfIdle();
        }
    }

    /// <summary>Marks the actor dead if it is not running; false while it is busy.</summary>
    public bool TryRetire()
    {
        lock (_lock)
        {
            if (_running)
            {
                return false;
            }

            _retired = true;
            return true;
        }
    }

    private void StartIfIdle()
    {
        if (!_running)
        {
            _running = true;
            _processor.Track(RunAsync);
        }
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            Particle particle;
            ReadOnlyMemory<byte> data;
            Dictionary<uint, CallResult> results;
            lock (_lock)
            {
                if (_mailbox.Count > 0)
                {
                    particle = _mailbox.Dequeue();
                    data = particle.Data;
                }
                else if (_results.Count > 0)
                {
                    particle = Particle;
                    data = ReadOnlyMemory<byte>.Empty;
                }
                else
                {
                    _running = false;
                    return;
                }

                results = new Dictionary<uint, CallResult>(_results);
                _results.Clear();
                if (++_runs > _processor.MaxRunsPerActor)
                {
                    _retired = true;
                    _running = false;
                    _mailbox.Clear();
                    _processor.OnActorFault(Key, new InvalidOperationException($"more than {_processor.MaxRunsPerActor} AquaVM runs"));
                    return;
                }
            }

            try
            {
                await _processor.ExecuteAsync(this, particle, data, results, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                lock (_lock)
                {
                    _running = false;
                }

                return;
            }
#pragma warning disable CA1031 // one failing run must not kill the actor loop or the node
            catch (Exception error)
#pragma warning restore CA1031
            {
                _processor.OnActorFault(Key, error);
            }
        }
    }
}
