// SPDX-License-Identifier: Apache-2.0

using Lineage.P2p.Multiaddresses;
using Lineage.P2p.Protobuf;

namespace Lineage.P2p.Identify;

/// <summary>
/// The identify protobuf: publicKey = 1, listenAddrs = 2, protocols = 3, observedAddr = 4, protocolVersion = 5,
/// agentVersion = 6, signedPeerRecord = 8. Absent fields are null (push semantics: "unchanged").
/// Undecodable multiaddrs are skipped rather than failing the whole message.
/// </summary>
public sealed record IdentifyMessage
{
    public byte[]? PublicKey { get; init; }

    public IReadOnlyList<Multiaddr>? ListenAddresses { get; init; }

    public IReadOnlyList<string>? Protocols { get; init; }

    public Multiaddr? ObservedAddress { get; init; }

    public string? ProtocolVersion { get; init; }

    public string? AgentVersion { get; init; }

    public byte[]? SignedPeerRecord { get; init; }

    public byte[] Encode()
    {
        var writer = new ProtoWriter(512);
        if (PublicKey is not null)
        {
            writer.WriteBytes(1, PublicKey);
        }

        foreach (Multiaddr address in ListenAddresses ?? [])
        {
            writer.WriteBytes(2, address.ToBytes());
        }

        foreach (string protocol in Protocols ?? [])
        {
            writer.WriteString(3, protocol);
        }

        if (ObservedAddress is not null)
        {
            writer.WriteBytes(4, ObservedAddress.ToBytes());
        }

        if (ProtocolVersion is not null)
        {
            writer.WriteString(5, ProtocolVersion);
        }

        if (AgentVersion is not null)
        {
            writer.WriteString(6, AgentVersion);
        }

        if (SignedPeerRecord is not null)
        {
            writer.WriteBytes(8, SignedPeerRecord);
        }

        return writer.ToArray();
    }

    public static IdentifyMessage Decode(ReadOnlySpan<byte> body)
    {
        var reader = new ProtoReader(body);
        byte[]? publicKey = null;
        List<Multiaddr>? listen = null;
        List<string>? protocols = null;
        Multiaddr? observed = null;
        string? protocolVersion = null;
        string? agentVersion = null;
        byte[]? record = null;
        while (reader.TryReadTag(out int field, out WireType wire))
        {
            if (wire != WireType.LengthDelimited)
            {
                reader.Skip(wire);
                continue;
            }

            switch (field)
            {
                case 1:
                    publicKey = reader.ReadBytes().ToArray();
                    break;
                case 2:
                    AddAddress(ref listen, reader.ReadBytes());
                    break;
                case 3:
                    (protocols ??= []).Add(reader.ReadString());
                    break;
                case 4:
                    {
                        List<Multiaddr>? one = null;
                        AddAddress(ref one, reader.ReadBytes());
                        observed = one?[0];
                        break;
                    }

                case 5:
                    protocolVersion = reader.ReadString();
                    break;
                case 6:
                    agentVersion = reader.ReadString();
                    break;
                case 8:
                    record = reader.ReadBytes().ToArray();
                    break;
                default:
                    reader.Skip(wire);
                    break;
            }
        }

        return new IdentifyMessage
        {
            PublicKey = publicKey,
            ListenAddresses = listen,
            Protocols = protocols,
            ObservedAddress = observed,
            ProtocolVersion = protocolVersion,
            AgentVersion = agentVersion,
            SignedPeerRecord = record,
        };
    }

    /// <summary>Merges a later message into this one (js sends identify in up to 10 parts).</summary>
    public IdentifyMessage Merge(IdentifyMessage later)
    {
        ArgumentNullException.ThrowIfNull(later);
        return new IdentifyMessage
        {
            PublicKey = later.PublicKey ?? PublicKey,
            ListenAddresses = later.ListenAddresses is null ? ListenAddresses : [.. ListenAddresses ?? [], .. later.ListenAddresses],
            Protocols = later.Protocols is null ? Protocols : [.. Protocols ?? [], .. later.Protocols],
            ObservedAddress = later.ObservedAddress ?? ObservedAddress,
            ProtocolVersion = later.ProtocolVersion ?? ProtocolVersion,
            AgentVersion = later.AgentVersion ?? AgentVersion,
            SignedPeerRecord = later.SignedPeerRecord ?? SignedPeerRecord,
        };
    }

    private static void AddAddress(ref List<Multiaddr>? list, ReadOnlySpan<byte> bytes)
    {
        try
        {
            (list ??= []).Add(Multiaddr.FromBytes(bytes));
        }
        catch (FormatException)
        {
            // An address with a protocol we do not know: skip it, keep the rest.
        }
    }
}
