// SPDX-License-Identifier: Apache-2.0

using System.Collections.Concurrent;

namespace Lineage.Peer.Actors;

/// <summary>prev_data kept in memory: particle data is ephemeral (it dies with the particle's deadline).</summary>
public sealed class InMemoryParticleDataStore : IParticleDataStore
{
    private readonly ConcurrentDictionary<ActorKey, ReadOnlyMemory<byte>> _data = new();

    public int Count => _data.Count;

    public ValueTask<ReadOnlyMemory<byte>> ReadAsync(ActorKey key, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_data.TryGetValue(key, out ReadOnlyMemory<byte> data) ? data : ReadOnlyMemory<byte>.Empty);

    public ValueTask WriteAsync(ActorKey key, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        _data[key] = data;
        return ValueTask.CompletedTask;
    }

    public ValueTask RemoveAsync(ActorKey key, CancellationToken cancellationToken)
    {
        _data.TryRemove(key, out _);
        return ValueTask.CompletedTask;
    }
}
