// SPDX-License-Identifier: Apache-2.0

using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Lineage.P2p.Identity;

namespace Lineage.P2p.Multiaddresses;

/// <summary>One <c>/name/value</c> component of a multiaddr; the value is kept in its binary form.</summary>
public sealed class MultiaddrComponent : IEquatable<MultiaddrComponent>
{
    private readonly byte[] _value;

    public MultiaddrComponent(MultiaddrProtocol protocol, ReadOnlySpan<byte> value)
    {
        ArgumentNullException.ThrowIfNull(protocol);
        if (protocol.Size >= 0 && value.Length != protocol.Size)
        {
            throw new FormatException($"multiaddr /{protocol.Name} value must be {protocol.Size} bytes, got {value.Length}");
        }

        Protocol = protocol;
        _value = value.ToArray();
    }

    public MultiaddrProtocol Protocol { get; }

    /// <summary>The binary value (empty for value-less protocols).</summary>
    public ReadOnlySpan<byte> Value => _value;

    /// <summary>Parses a text value for <paramref name="protocol"/>.</summary>
    public static MultiaddrComponent FromText(MultiaddrProtocol protocol, string text)
    {
        ArgumentNullException.ThrowIfNull(protocol);
        ArgumentNullException.ThrowIfNull(text);
        switch (protocol.Code)
        {
            case 4:
                if (!IPAddress.TryParse(text, out IPAddress? v4) || v4.AddressFamily != AddressFamily.InterNetwork || text.Count(c => c == '.') != 3)
                {
                    throw new FormatException($"invalid ip4 address '{text}'");
                }

                return new MultiaddrComponent(protocol, v4.GetAddressBytes());
            case 41:
                if (!IPAddress.TryParse(text, out IPAddress? v6) || v6.AddressFamily != AddressFamily.InterNetworkV6 || v6.ScopeId != 0)
                {
                    throw new FormatException($"invalid ip6 address '{text}'");
                }

                return new MultiaddrComponent(protocol, v6.GetAddressBytes());
            case 6 or 33 or 132 or 273:
                {
                    if (!ushort.TryParse(text, System.Globalization.NumberStyles.None, null, out ushort port))
                    {
                        throw new FormatException($"invalid /{protocol.Name} port '{text}'");
                    }

                    byte[] bytes = new byte[2];
                    BinaryPrimitives.WriteUInt16BigEndian(bytes, port);
                    return new MultiaddrComponent(protocol, bytes);
                }

            case 421:
                return new MultiaddrComponent(protocol, PeerId.Parse(text).Bytes);
            case 481:
                return new MultiaddrComponent(protocol, Encoding.UTF8.GetBytes(Uri.UnescapeDataString(text)));
            default:
                if (protocol.Size == 0)
                {
                    throw new FormatException($"multiaddr /{protocol.Name} takes no value");
                }

                if (protocol.Size != MultiaddrProtocol.VariableSize || text.Length == 0)
                {
                    throw new FormatException($"invalid value '{text}' for /{protocol.Name}");
                }

                return new MultiaddrComponent(protocol, Encoding.UTF8.GetBytes(text));
        }
    }

    /// <summary>The value's text form (empty for value-less protocols).</summary>
    public string ValueText => Protocol.Code switch
    {
        4 or 41 => new IPAddress(_value).ToString(),
        6 or 33 or 132 or 273 => BinaryPrimitives.ReadUInt16BigEndian(_value).ToString(),
        421 => PeerId.FromBytes(_value).ToString(),
        481 => Uri.EscapeDataString(Encoding.UTF8.GetString(_value)),
        _ when Protocol.Size == 0 => string.Empty,
        _ => Encoding.UTF8.GetString(_value),
    };

    public override string ToString() => Protocol.Size == 0 ? "/" + Protocol.Name : "/" + Protocol.Name + "/" + ValueText;

    public bool Equals(MultiaddrComponent? other) => other is not null && other.Protocol == Protocol && other._value.AsSpan().SequenceEqual(_value);

    public override bool Equals(object? obj) => Equals(obj as MultiaddrComponent);

    public override int GetHashCode()
    {
        var hash = default(HashCode);
        hash.Add(Protocol.Code);
        hash.AddBytes(_value);
        return hash.ToHashCode();
    }
}
