// SPDX-License-Identifier: Apache-2.0

namespace Lineage.P2p.Yamux;

/// <summary>Yamux header flags.</summary>
[Flags]
#pragma warning disable CA1711 // the spec calls them flags
public enum YamuxFrameFlags : ushort
#pragma warning restore CA1711
{
    None = 0,
    Syn = 0x1,
    Ack = 0x2,
    Fin = 0x4,
    Rst = 0x8,
}
