// SPDX-License-Identifier: Apache-2.0

using Lineage.P2p.Identity;

namespace Lineage.P2p.Noise;

/// <summary>Outcome of a Noise handshake: the secure channel, who is on the other end, and the inlined muxer.</summary>
/// <param name="Channel">The encrypted byte channel.</param>
/// <param name="RemotePeer">The authenticated remote peer.</param>
/// <param name="RemotePublicKey">The remote identity key.</param>
/// <param name="Muxer">The muxer chosen inside the handshake, or null when multistream-select must choose it.</param>
public sealed record NoiseResult(NoiseChannel Channel, PeerId RemotePeer, PublicKey RemotePublicKey, string? Muxer);
