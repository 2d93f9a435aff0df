// SPDX-License-Identifier: Apache-2.0

using System.Collections.Frozen;

namespace Lineage.P2p.Multiaddresses;

/// <summary>
/// One multiaddr protocol from multiformats/multiaddr <c>protocols.csv</c>: its code, name and value size
/// (0 = no value, a positive byte count, or <see cref="VariableSize"/> for a uvarint-length-prefixed value).
/// </summary>
public sealed class MultiaddrProtocol
{
    public const int VariableSize = -1;

    public static readonly MultiaddrProtocol Ip4 = new(4, "ip4", 4);
    public static readonly MultiaddrProtocol Tcp = new(6, "tcp", 2);
    public static readonly MultiaddrProtocol Dccp = new(33, "dccp", 2);
    public static readonly MultiaddrProtocol Ip6 = new(41, "ip6", 16);
    public static readonly MultiaddrProtocol Ip6Zone = new(42, "ip6zone", VariableSize);
    public static readonly MultiaddrProtocol Dns = new(53, "dns", VariableSize);
    public static readonly MultiaddrProtocol Dns4 = new(54, "dns4", VariableSize);
    public static readonly MultiaddrProtocol Dns6 = new(55, "dns6", VariableSize);
    public static readonly MultiaddrProtocol DnsAddr = new(56, "dnsaddr", VariableSize);
    public static readonly MultiaddrProtocol Sctp = new(132, "sctp", 2);
    public static readonly MultiaddrProtocol Udp = new(273, "udp", 2);
    public static readonly MultiaddrProtocol WebRtcDirect = new(280, "webrtc-direct", 0);
    public static readonly MultiaddrProtocol WebRtc = new(281, "webrtc", 0);
    public static readonly MultiaddrProtocol P2pCircuit = new(290, "p2p-circuit", 0);
    public static readonly MultiaddrProtocol P2p = new(421, "p2p", VariableSize);
    public static readonly MultiaddrProtocol Https = new(443, "https", 0);
    public static readonly MultiaddrProtocol Tls = new(448, "tls", 0);
    public static readonly MultiaddrProtocol Sni = new(449, "sni", VariableSize);
    public static readonly MultiaddrProtocol Noise = new(454, "noise", 0);
    public static readonly MultiaddrProtocol Quic = new(460, "quic", 0);
    public static readonly MultiaddrProtocol QuicV1 = new(461, "quic-v1", 0);
    public static readonly MultiaddrProtocol WebTransport = new(465, "webtransport", 0);
    public static readonly MultiaddrProtocol Ws = new(477, "ws", 0);
    public static readonly MultiaddrProtocol Wss = new(478, "wss", 0);
    public static readonly MultiaddrProtocol Http = new(480, "http", 0);
    public static readonly MultiaddrProtocol HttpPath = new(481, "http-path", VariableSize);

    private static readonly MultiaddrProtocol[] s_all =
    [
        Ip4, Tcp, Dccp, Ip6, Ip6Zone, Dns, Dns4, Dns6, DnsAddr, Sctp, Udp, WebRtcDirect, WebRtc, P2pCircuit, P2p,
        Https, Tls, Sni, Noise, Quic, QuicV1, WebTransport, Ws, Wss, Http, HttpPath,
    ];

    private static readonly FrozenDictionary<int, MultiaddrProtocol> s_byCode = s_all.ToFrozenDictionary(p => p.Code);

    private static readonly FrozenDictionary<string, MultiaddrProtocol> s_byName =
        s_all.Select(p => KeyValuePair.Create(p.Name, p)).Append(KeyValuePair.Create("ipfs", P2p)).ToFrozenDictionary(StringComparer.Ordinal);

    private MultiaddrProtocol(int code, string name, int size)
    {
        Code = code;
        Name = name;
        Size = size;
    }

    public int Code { get; }

    public string Name { get; }

    public int Size { get; }

    public static bool TryFromCode(int code, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out MultiaddrProtocol? protocol) =>
        s_byCode.TryGetValue(code, out protocol);

    /// <summary>Looks a protocol up by text name; <c>ipfs</c> is an alias of <c>p2p</c>.</summary>
    public static bool TryFromName(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out MultiaddrProtocol? protocol) =>
        s_byName.TryGetValue(name, out protocol);

    public override string ToString() => Name;
}
