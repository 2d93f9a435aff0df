// SPDX-License-Identifier: Apache-2.0

using Lineage.P2p.Identity;

namespace Lineage.Peer.Actors;

/// <summary>
/// The peer a particle executes as: its peer id and the Ed25519 seed AquaVM signs with
/// (RunParameters.secret_key_bytes). The seed is never logged.
/// </summary>
public sealed class PeerScopeIdentity
{
    public PeerScopeIdentity(ReadOnlySpan<byte> ed25519Seed)
    {
        Key = PrivateKey.FromEd25519Seed(ed25519Seed);
        SecretKeySeed = ed25519Seed.ToArray();
        PeerId = Key.PeerId.ToString();
    }

    public PrivateKey Key { get; }

    public string PeerId { get; }

    internal ReadOnlyMemory<byte> SecretKeySeed { get; }

    public override string ToString() => PeerId;
}
