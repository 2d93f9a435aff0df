// SPDX-License-Identifier: Apache-2.0

namespace Lineage.P2p.Kademlia;

/// <summary>Kademlia message types; PUT_VALUE (0) is omitted on the wire by proto3 encoders.</summary>
public enum KadMessageType
{
    PutValue = 0,
    GetValue = 1,
    AddProvider = 2,
    GetProviders = 3,
    FindNode = 4,
    Ping = 5,
}
