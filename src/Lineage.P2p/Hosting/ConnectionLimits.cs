// SPDX-License-Identifier: Apache-2.0

namespace Lineage.P2p.Hosting;

/// <summary>Connection-manager limits. Each refusal is logged with the limit that fired.</summary>
public sealed class ConnectionLimits
{
    /// <summary>Hard cap on open connections; inbound connections beyond it are refused before the handshake.</summary>
    public int MaxConnections { get; init; } = 1200;

    /// <summary>Inbound connections still in their handshake at once.</summary>
    public int MaxPendingInbound { get; init; } = 256;

    /// <summary>Connections to one peer (simultaneous inbound and outbound connections are allowed up to this).</summary>
    public int MaxConnectionsPerPeer { get; init; } = 4;

    /// <summary>Above this many connections, trimming closes idle ones down to <see cref="LowWater"/>.</summary>
    public int HighWater { get; init; } = 1000;

    public int LowWater { get; init; } = 900;

    /// <summary>A connection without streams for this long is closed (zero disables).</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Connections younger than this are never trimmed.</summary>
    public TimeSpan GracePeriod { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How often the trimmer runs.</summary>
    public TimeSpan TrimInterval { get; init; } = TimeSpan.FromSeconds(10);
}
