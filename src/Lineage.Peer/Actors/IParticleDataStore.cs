// SPDX-License-Identifier: Apache-2.0

namespace Lineage.Peer.Actors;

/// <summary>Where each actor's AquaVM prev_data lives between runs (nox <c>particle_data_store</c>).</summary>
public interface IParticleDataStore
{
    /// <summary>The stored prev_data, or empty when there is none.</summary>
    ValueTask<ReadOnlyMemory<byte>> ReadAsync(ActorKey key, CancellationToken cancellationToken);

    ValueTask WriteAsync(ActorKey key, ReadOnlyMemory<byte> data, CancellationToken cancellationToken);

    ValueTask RemoveAsync(ActorKey key, CancellationToken cancellationToken);
}
