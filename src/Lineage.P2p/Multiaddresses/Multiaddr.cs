// SPDX-License-Identifier: Apache-2.0

using System.Net;
using System.Net.Sockets;
using System.Text;
using Lineage.Core.Multiformats;
using Lineage.P2p.Identity;

namespace Lineage.P2p.Multiaddresses;

/// <summary>
/// A multiaddr: text <c>(/name/value)+</c> and binary <c>(uvarint code ‖ value)+</c>. Unknown codes fail hard,
/// because a value's length cannot be skipped without knowing its protocol.
/// </summary>
public sealed class Multiaddr : IEquatable<Multiaddr>
{
    private readonly MultiaddrComponent[] _components;
    private string? _text;

    public Multiaddr(IEnumerable<MultiaddrComponent> components)
    {
        ArgumentNullException.ThrowIfNull(components);
        _components = components.ToArray();
    }

    public IReadOnlyList<MultiaddrComponent> Components => _components;

    /// <summary>The peer id of the last <c>/p2p/</c> component, if any.</summary>
    public PeerId? PeerId
    {
        get
        {
            for (int i = _components.Length - 1; i >= 0; i--)
            {
                if (_components[i].Protocol == MultiaddrProtocol.P2p)
                {
                    return Identity.PeerId.FromBytes(_components[i].Value);
                }
            }

            return null;
        }
    }

    public static Multiaddr Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length == 0 || text[0] != '/')
        {
            throw new FormatException("multiaddr text must start with '/'");
        }

        string[] parts = text.Split('/');
        var components = new List<MultiaddrComponent>();
        int i = 1;
        while (i < parts.Length)
        {
            if (parts[i].Length == 0 && i == parts.Length - 1)
            {
                break; // a trailing slash
            }

            if (!MultiaddrProtocol.TryFromName(parts[i], out MultiaddrProtocol? protocol))
            {
                throw new FormatException($"unknown multiaddr protocol '{parts[i]}'");
            }

            i++;
            if (protocol.Size == 0)
            {
                components.Add(new MultiaddrComponent(protocol, []));
                continue;
            }

            if (i >= parts.Length || parts[i].Length == 0)
            {
                throw new FormatException($"multiaddr /{protocol.Name} is missing its value");
            }

            components.Add(MultiaddrComponent.FromText(protocol, parts[i]));
            i++;
        }

        if (components.Count == 0)
        {
            throw new FormatException("empty multiaddr");
        }

        return new Multiaddr(components);
    }

    public static bool TryParse(string? text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Multiaddr? multiaddr)
    {
        multiaddr = null;
        if (text is null)
        {
            return false;
        }

        try
        {
            multiaddr = Parse(text);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>Decodes the binary form; errors name the byte offset.</summary>
    public static Multiaddr FromBytes(ReadOnlySpan<byte> bytes)
    {
        var components = new List<MultiaddrComponent>();
        int offset = 0;
        while (offset < bytes.Length)
        {
            int start = offset;
            if (!VarInt.TryRead(bytes[offset..], out ulong code, out int n))
            {
                throw new FormatException($"multiaddr: truncated protocol code at offset {start}");
            }

            offset += n;
            if (code > int.MaxValue || !MultiaddrProtocol.TryFromCode((int)code, out MultiaddrProtocol? protocol))
            {
                throw new FormatException($"multiaddr: unknown protocol code {code} at offset {start}");
            }

            int size = protocol.Size;
            if (size == MultiaddrProtocol.VariableSize)
            {
                if (!VarInt.TryRead(bytes[offset..], out ulong length, out int m))
                {
                    throw new FormatException($"multiaddr: truncated length of /{protocol.Name} at offset {offset}");
                }

                offset += m;
                if (length > (ulong)(bytes.Length - offset))
                {
                    throw new FormatException($"multiaddr: /{protocol.Name} value of {length} bytes overruns the input at offset {offset}");
                }

                size = (int)length;
            }
            else if (bytes.Length - offset < size)
            {
                throw new FormatException($"multiaddr: truncated /{protocol.Name} value at offset {offset}");
            }

            ReadOnlySpan<byte> value = bytes.Slice(offset, size);
            if (protocol == MultiaddrProtocol.P2p && !Identity.PeerId.TryFromBytes(value, out _, out string? error))
            {
                throw new FormatException($"multiaddr: {error} at offset {offset}");
            }

            components.Add(new MultiaddrComponent(protocol, value));
            offset += size;
        }

        if (components.Count == 0)
        {
            throw new FormatException("multiaddr: empty");
        }

        return new Multiaddr(components);
    }

    public byte[] ToBytes()
    {
        using var stream = new MemoryStream();
        Span<byte> varint = stackalloc byte[VarInt.MaxLength];
        foreach (MultiaddrComponent component in _components)
        {
            stream.Write(varint[..VarInt.Write((ulong)component.Protocol.Code, varint)]);
            if (component.Protocol.Size == MultiaddrProtocol.VariableSize)
            {
                stream.Write(varint[..VarInt.Write((ulong)component.Value.Length, varint)]);
            }

            stream.Write(component.Value);
        }

        return stream.ToArray();
    }

    /// <summary>This address with every <c>/p2p/</c> suffix removed (the form identify and kad carry).</summary>
    public Multiaddr WithoutPeerId()
    {
        int end = _components.Length;
        while (end > 0 && _components[end - 1].Protocol == MultiaddrProtocol.P2p)
        {
            end--;
        }

        return end == _components.Length ? this : new Multiaddr(_components.Take(end));
    }

    /// <summary>This address ending in <c>/p2p/peer</c>.</summary>
    public Multiaddr WithPeerId(PeerId peer)
    {
        ArgumentNullException.ThrowIfNull(peer);
        return new Multiaddr(WithoutPeerId()._components.Append(new MultiaddrComponent(MultiaddrProtocol.P2p, peer.Bytes)));
    }

    /// <summary>Whether the address has a component of the protocol.</summary>
    public bool Has(MultiaddrProtocol protocol) => _components.Any(c => c.Protocol == protocol);

    /// <summary>
    /// The host and port of a <c>/ip4|ip6|dns|dns4|dns6/…/tcp/port</c> prefix, for the TCP and WS transports.
    /// </summary>
    public bool TryGetTcpEndpoint([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? host, out int port, out AddressFamily family)
    {
        host = null;
        port = 0;
        family = AddressFamily.Unspecified;
        if (_components.Length < 2 || _components[1].Protocol != MultiaddrProtocol.Tcp)
        {
            return false;
        }

        MultiaddrComponent first = _components[0];
        if (first.Protocol == MultiaddrProtocol.Ip4 || first.Protocol == MultiaddrProtocol.Ip6)
        {
            family = first.Protocol == MultiaddrProtocol.Ip4 ? AddressFamily.InterNetwork : AddressFamily.InterNetworkV6;
            host = new IPAddress(first.Value).ToString();
        }
        else if (first.Protocol == MultiaddrProtocol.Dns || first.Protocol == MultiaddrProtocol.Dns4 || first.Protocol == MultiaddrProtocol.Dns6)
        {
            family = first.Protocol == MultiaddrProtocol.Dns4 ? AddressFamily.InterNetwork
                : first.Protocol == MultiaddrProtocol.Dns6 ? AddressFamily.InterNetworkV6 : AddressFamily.Unspecified;
            host = Encoding.UTF8.GetString(first.Value);
        }
        else
        {
            return false;
        }

        port = int.Parse(_components[1].ValueText);
        return true;
    }

    /// <summary>Builds <c>/ip4|ip6/addr/tcp/port</c> from an IP endpoint.</summary>
    public static Multiaddr FromTcpEndpoint(IPEndPoint endpoint, bool webSocket = false)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        IPAddress address = endpoint.Address.IsIPv4MappedToIPv6 ? endpoint.Address.MapToIPv4() : endpoint.Address;
        string family = address.AddressFamily == AddressFamily.InterNetwork ? "ip4" : "ip6";
        return Parse($"/{family}/{address}/tcp/{endpoint.Port}{(webSocket ? "/ws" : string.Empty)}");
    }

    public override string ToString() => _text ??= string.Concat(_components.Select(c => c.ToString()));

    public bool Equals(Multiaddr? other) => other is not null && other._components.AsSpan().SequenceEqual(_components);

    public override bool Equals(object? obj) => Equals(obj as Multiaddr);

    public override int GetHashCode() => ToString().GetHashCode(StringComparison.Ordinal);
}
