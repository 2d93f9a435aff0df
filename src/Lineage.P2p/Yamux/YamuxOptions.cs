// SPDX-License-Identifier: Apache-2.0

namespace Lineage.P2p.Yamux;

/// <summary>Yamux session limits and tuning. Defaults follow the spec and the js/go/rust implementations.</summary>
public sealed class YamuxOptions
{
    /// <summary>The protocol id negotiated for yamux.</summary>
    public const string ProtocolId = "/yamux/1.0.0";

    /// <summary>The initial per-stream window the spec fixes (256 KiB).</summary>
    public const int DefaultWindow = 256 * 1024;

    /// <summary>Upper bound of a stream's receive window after auto-tuning (16 MiB, as js and go).</summary>
    public int MaxStreamWindow { get; init; } = 16 * 1024 * 1024;

    /// <summary>Total receive window a session may grant across its streams (bounds buffered memory).</summary>
    public long MaxSessionWindow { get; init; } = 64L * 1024 * 1024;

    /// <summary>Streams the remote may have open at once; further SYNs are answered with RST.</summary>
    public int MaxInboundStreams { get; init; } = 1000;

    /// <summary>Streams we may have open at once (kept below rust-yamux's 512).</summary>
    public int MaxOutboundStreams { get; init; } = 500;

    /// <summary>Inbound streams accepted but not yet taken by <see cref="YamuxSession.AcceptStreamAsync"/>.</summary>
    public int AcceptBacklog { get; init; } = 256;

    /// <summary>Largest Data payload we send in one frame.</summary>
    public int MaxFrameData { get; init; } = 64 * 1024;

    /// <summary>Buffered outgoing bytes above which data writers wait (control frames never wait).</summary>
    public int WriteHighWater { get; init; } = 1024 * 1024;

    /// <summary>Extra buffered control bytes tolerated before the peer is considered abusive.</summary>
    public int MaxPendingControlBytes { get; init; } = 4 * 1024 * 1024;

    /// <summary>Keep-alive ping interval; <see cref="TimeSpan.Zero"/> disables keep-alive (an initial RTT ping is still sent).</summary>
    public TimeSpan KeepAliveInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>A ping unanswered for this long ends the session.</summary>
    public TimeSpan PingTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>How long a graceful close waits for queued frames to be written.</summary>
    public TimeSpan CloseTimeout { get; init; } = TimeSpan.FromSeconds(5);
}
