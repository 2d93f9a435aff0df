// SPDX-License-Identifier: Apache-2.0

using System.Globalization;
using System.Net;

namespace Lineage.Node.Evm;

/// <summary>
/// Which EVM JSON-RPC endpoints the node may call. A cron's <c>node_url</c> is chosen by whoever signed the cron
/// transaction (reference defect D15), so without a list any signer could make the node send requests anywhere.
/// </summary>
/// <remarks>
/// Entries (comma-separated in the configuration): <c>loopback</c> (<c>localhost</c> and loopback IP literals),
/// a host name or IP literal (<c>eth.example.org</c>, <c>10.0.0.5</c>), a host with a port
/// (<c>eth.example.org:8545</c>), a domain wildcard (<c>*.alchemy.com</c>, subdomains only) and <c>*</c> (any
/// http(s) host, as the reference did). Host names compare case-insensitively; no DNS lookup is made, so the
/// list names exactly the hosts the operator trusts.
/// </remarks>
public sealed class EvmEndpointAllowList
{
    /// <summary>The default: only endpoints on this machine.</summary>
    public const string DefaultText = "loopback";

    private readonly bool _any;
    private readonly bool _loopback;
    private readonly HashSet<string> _hosts = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _hostPorts = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<string> _suffixes = [];

    private EvmEndpointAllowList(IReadOnlyList<string> entries)
    {
        Entries = entries;
        foreach (string entry in entries)
        {
            if (entry == "*")
            {
                _any = true;
            }
            else if (entry.Equals("loopback", StringComparison.OrdinalIgnoreCase))
            {
                _loopback = true;
            }
            else if (entry.StartsWith("*.", StringComparison.Ordinal))
            {
                _suffixes.Add(entry[1..]);
            }
            else if (TrySplitPort(entry, out string host, out int port))
            {
                _hostPorts.Add(Key(host, port));
            }
            else
            {
                _hosts.Add(Unbracket(entry));
            }
        }
    }

    /// <summary>The entries, as configured.</summary>
    public IReadOnlyList<string> Entries { get; }

    /// <summary>Only loopback endpoints.</summary>
    public static EvmEndpointAllowList Default { get; } = Parse(DefaultText);

    /// <summary>Parses a comma-separated list; throws <see cref="FormatException"/> with the offending entry.</summary>
    public static EvmEndpointAllowList Parse(string? text)
    {
        var entries = new List<string>();
        foreach (string raw in (text ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (raw != "*" && !raw.Equals("loopback", StringComparison.OrdinalIgnoreCase) && !IsHostEntry(raw))
            {
                throw new FormatException(
                    $"EVM endpoint allow-list entry '{raw}' is not 'loopback', '*', a host, host:port or *.domain");
            }

            entries.Add(raw);
        }

        return new EvmEndpointAllowList(entries);
    }

    /// <summary>True when the node may call <paramref name="endpoint"/>.</summary>
    public bool Allows(Uri endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        if (_any)
        {
            return true;
        }

        string host = Unbracket(endpoint.Host);
        if (_loopback && IsLoopback(host))
        {
            return true;
        }

        if (_hosts.Contains(host) || _hostPorts.Contains(Key(host, endpoint.Port)))
        {
            return true;
        }

        return _suffixes.Exists(suffix => host.Length > suffix.Length && host.EndsWith(suffix, StringComparison.OrdinalIgnoreCase));
    }

    public override string ToString() => Entries.Count == 0 ? "(none)" : string.Join(",", Entries);

    private static bool IsLoopback(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(host, out IPAddress? address) && IPAddress.IsLoopback(address));

    private static bool IsHostEntry(string entry)
    {
        string host = entry.StartsWith("*.", StringComparison.Ordinal) ? entry[2..]
            : TrySplitPort(entry, out string h, out _) ? h
            : entry;
        host = Unbracket(host);
        return host.Length > 0
            && (IPAddress.TryParse(host, out _) || Uri.CheckHostName(host) == UriHostNameType.Dns);
    }

    private static bool TrySplitPort(string entry, out string host, out int port)
    {
        host = entry;
        port = 0;
        int colon = entry.LastIndexOf(':');
        if (colon <= 0 || (entry.IndexOf(':', StringComparison.Ordinal) != colon && !entry.StartsWith('[')))
        {
            return false; // no port, or a bare IPv6 literal
        }

        if (!int.TryParse(entry.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out port) || port is < 1 or > 65535)
        {
            return false;
        }

        host = entry[..colon];
        return true;
    }

    private static string Unbracket(string host) =>
        host.Length > 2 && host[0] == '[' && host[^1] == ']' ? host[1..^1] : host;

    private static string Key(string host, int port) => string.Create(CultureInfo.InvariantCulture, $"{Unbracket(host)}|{port}");
}
