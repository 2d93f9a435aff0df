// SPDX-License-Identifier: Apache-2.0

namespace Lineage.P2p.Kademlia;

/// <summary><c>Record { bytes key = 1; bytes value = 2; string timeReceived = 5 }</c>.</summary>
public sealed record KadRecord(byte[] Key, byte[] Value, string? TimeReceived = null);
