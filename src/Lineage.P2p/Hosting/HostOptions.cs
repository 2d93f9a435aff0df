// SPDX-License-Identifier: Apache-2.0

using Lineage.P2p.Identity;
using Lineage.P2p.Multiaddresses;
using Lineage.P2p.Transports;
using Lineage.P2p.Yamux;

namespace Lineage.P2p.Hosting;

/// <summary>Configuration of a <see cref="Libp2pHost"/>.</summary>
public sealed class HostOptions
{
    /// <summary>The identity key; a fresh Ed25519 key when null.</summary>
    public PrivateKey? Identity { get; init; }

    /// <summary>Addresses to listen on, e.g. <c>/ip4/127.0.0.1/tcp/0</c> and <c>/ip4/127.0.0.1/tcp/0/ws</c>.</summary>
    public IReadOnlyList<Multiaddr> ListenAddresses { get; init; } = [];

    /// <summary>Transports; TCP and WebSocket when null.</summary>
    public IReadOnlyList<ITransport>? Transports { get; init; }

    /// <summary>Identify <c>agentVersion</c>.</summary>
    public string AgentVersion { get; init; } = "lineage/0.1.0";

    /// <summary>Identify <c>protocolVersion</c> (Fluence uses <c>/fluence/particle/2.0.0</c>).</summary>
    public string ProtocolVersion { get; init; } = "ipfs/0.1.0";

    public YamuxOptions Yamux { get; init; } = new();

    public ConnectionLimits Limits { get; init; } = new();

    /// <summary>Deadline for a dial: connect, security and muxer.</summary>
    public TimeSpan DialTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Deadline for an inbound connection's transport, security and muxer handshakes.</summary>
    public TimeSpan InboundUpgradeTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Deadline for protocol negotiation on a new stream.</summary>
    public TimeSpan NegotiationTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Offer the muxer inside the Noise handshake (saves a round trip). When false an empty list is sent and yamux
    /// is negotiated with multistream-select after Noise, as older peers expect.
    /// </summary>
    public bool InlineMuxerNegotiation { get; init; } = true;

    /// <summary>Run identify on every new connection and answer identify requests.</summary>
    public bool EnableIdentify { get; init; } = true;

    /// <summary>Answer <c>/ipfs/ping/1.0.0</c>.</summary>
    public bool EnablePing { get; init; } = true;
}
