// SPDX-License-Identifier: Apache-2.0

namespace Lineage.P2p.Yamux;

/// <summary>Yamux frame types.</summary>
public enum YamuxFrameType : byte
{
    Data = 0,
    WindowUpdate = 1,
    Ping = 2,
    GoAway = 3,
}
