// SPDX-License-Identifier: Apache-2.0

using System.Globalization;
using System.Net;

namespace Lineage.Node.Hosting;

/// <summary>A parsed <c>HOST:PORT</c> listen address (<c>[::1]:8080</c> for IPv6). Port 0 means "pick a free port".</summary>
public readonly record struct HostPort(string Host, int Port)
{
    /// <summary>Parses <c>HOST:PORT</c>; throws <see cref="FormatException"/> with the reason.</summary>
    public static HostPort Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string value = text.Trim();
        int colon = value.LastIndexOf(':');
        if (colon <= 0 || colon == value.Length - 1)
        {
            throw new FormatException($"listen address '{text}' must be HOST:PORT (e.g. 127.0.0.1:8080, [::1]:0)");
        }

        string host = value[..colon];
        if (host.StartsWith('[') && host.EndsWith(']'))
        {
            host = host[1..^1];
        }
        else if (host.Contains(':', StringComparison.Ordinal))
        {
            throw new FormatException($"listen address '{text}': write IPv6 hosts in brackets, e.g. [::1]:8080");
        }

        if (!int.TryParse(value[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out int port) || port > 65535)
        {
            throw new FormatException($"listen address '{text}': port must be a number from 0 to 65535");
        }

        if (host.Length == 0)
        {
            throw new FormatException($"listen address '{text}': host is empty");
        }

        return new HostPort(host, port);
    }

    /// <summary>The IP address to bind, or null for <c>localhost</c> (both loopbacks).</summary>
    internal IPAddress? ToIPAddress()
    {
        if (string.Equals(Host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        if (IPAddress.TryParse(Host, out IPAddress? address))
        {
            return address;
        }

        throw new FormatException($"listen host '{Host}' must be an IP address or localhost");
    }

    public override string ToString() => Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]:{Port}" : $"{Host}:{Port}";
}
