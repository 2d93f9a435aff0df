// SPDX-License-Identifier: Apache-2.0

using Lineage.P2p.Identity;
using Lineage.P2p.Multiaddresses;
using Lineage.P2p.Protobuf;

namespace Lineage.P2p.Kademlia;

/// <summary>
/// The kad-dht <c>Message</c>: type = 1, key = 2, record = 3, closerPeers = 8, providerPeers = 9. A missing type
/// means PUT_VALUE (proto3 default omission). Peers with an undecodable id are dropped; undecodable addresses
/// are skipped.
/// </summary>
public sealed record KadMessage(KadMessageType Type, byte[]? Key = null, KadRecord? Record = null, IReadOnlyList<KadPeer>? CloserPeers = null, IReadOnlyList<KadPeer>? ProviderPeers = null)
{
    public byte[] Encode()
    {
        var writer = new ProtoWriter(256).WriteVarint(1, (ulong)Type);
        if (Key is not null)
        {
            writer.WriteBytes(2, Key);
        }

        if (Record is not null)
        {
            var record = new ProtoWriter(Record.Value.Length + 64).WriteBytes(1, Record.Key).WriteBytes(2, Record.Value);
            if (Record.TimeReceived is not null)
            {
                record.WriteString(5, Record.TimeReceived);
            }

            writer.WriteMessage(3, record);
        }

        foreach (KadPeer peer in CloserPeers ?? [])
        {
            writer.WriteMessage(8, EncodePeer(peer));
        }

        foreach (KadPeer peer in ProviderPeers ?? [])
        {
            writer.WriteMessage(9, EncodePeer(peer));
        }

        return writer.ToArray();
    }

    public static KadMessage Decode(ReadOnlySpan<byte> bytes)
    {
        var reader = new ProtoReader(bytes);
        long type = 0;
        byte[]? key = null;
        KadRecord? record = null;
        List<KadPeer>? closer = null;
        List<KadPeer>? providers = null;
        while (reader.TryReadTag(out int field, out WireType wire))
        {
            switch (field)
            {
                case 1 when wire == WireType.Varint:
                    type = (long)reader.ReadVarint();
                    break;
                case 2 when wire == WireType.LengthDelimited:
                    key = reader.ReadBytes().ToArray();
                    break;
                case 3 when wire == WireType.LengthDelimited:
                    record = DecodeRecord(reader.ReadBytes());
                    break;
                case 8 when wire == WireType.LengthDelimited:
                    AddPeer(ref closer, reader.ReadBytes());
                    break;
                case 9 when wire == WireType.LengthDelimited:
                    AddPeer(ref providers, reader.ReadBytes());
                    break;
                default:
                    reader.Skip(wire);
                    break;
            }
        }

        if (type is < 0 or > (long)KadMessageType.Ping)
        {
            throw new ProtobufException(0, $"kad: unknown message type {type}");
        }

        return new KadMessage((KadMessageType)type, key, record, closer, providers);
    }

    private static ProtoWriter EncodePeer(KadPeer peer)
    {
        var writer = new ProtoWriter(128).WriteBytes(1, peer.Id.Bytes);
        foreach (Multiaddr address in peer.Addresses)
        {
            writer.WriteBytes(2, address.ToBytes());
        }

        if (peer.Connection != 0)
        {
            writer.WriteVarint(3, (ulong)peer.Connection);
        }

        return writer;
    }

    private static void AddPeer(ref List<KadPeer>? list, ReadOnlySpan<byte> bytes)
    {
        var reader = new ProtoReader(bytes);
        PeerId? id = null;
        var addresses = new List<Multiaddr>();
        int connection = 0;
        while (reader.TryReadTag(out int field, out WireType wire))
        {
            if (field == 1 && wire == WireType.LengthDelimited)
            {
                PeerId.TryFromBytes(reader.ReadBytes(), out id, out _);
            }
            else if (field == 2 && wire == WireType.LengthDelimited)
            {
                try
                {
                    addresses.Add(Multiaddr.FromBytes(reader.ReadBytes()).WithoutPeerId());
                }
                catch (FormatException)
                {
                    // Unknown transport: skip the address, keep the peer.
                }
            }
            else if (field == 3 && wire == WireType.Varint)
            {
                connection = (int)Math.Min(reader.ReadVarint(), 3);
            }
            else
            {
                reader.Skip(wire);
            }
        }

        if (id is not null)
        {
            (list ??= []).Add(new KadPeer(id, addresses, connection));
        }
    }

    private static KadRecord DecodeRecord(ReadOnlySpan<byte> bytes)
    {
        var reader = new ProtoReader(bytes);
        byte[] key = [];
        byte[] value = [];
        string? time = null;
        while (reader.TryReadTag(out int field, out WireType wire))
        {
            if (field == 1 && wire == WireType.LengthDelimited)
            {
                key = reader.ReadBytes().ToArray();
            }
            else if (field == 2 && wire == WireType.LengthDelimited)
            {
                value = reader.ReadBytes().ToArray();
            }
            else if (field == 5 && wire == WireType.LengthDelimited)
            {
                time = reader.ReadString();
            }
            else
            {
                reader.Skip(wire);
            }
        }

        return new KadRecord(key, value, time);
    }
}
