// SPDX-License-Identifier: Apache-2.0

namespace Lineage.Core.Multiformats;

/// <summary>Multicodec codes used by Lineage (multiformats/multicodec <c>table.csv</c>).</summary>
public static class Multicodec
{
    /// <summary>identity multihash.</summary>
    public const ulong Identity = 0x00;

    /// <summary>sha2-256 multihash.</summary>
    public const ulong Sha256 = 0x12;

    /// <summary>CIDv1 content codec: raw bytes.</summary>
    public const ulong Raw = 0x55;

    /// <summary>CIDv1 content codec: MerkleDAG protobuf (the only codec of CIDv0).</summary>
    public const ulong DagPb = 0x70;

    /// <summary>CIDv1 content codec: DAG-CBOR.</summary>
    public const ulong DagCbor = 0x71;

    /// <summary>CIDv1 content codec: libp2p public key.</summary>
    public const ulong Libp2pKey = 0x72;

    /// <summary>CIDv1 content codec: DAG-JSON.</summary>
    public const ulong DagJson = 0x0129;
}
