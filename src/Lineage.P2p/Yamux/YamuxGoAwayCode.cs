// SPDX-License-Identifier: Apache-2.0

namespace Lineage.P2p.Yamux;

/// <summary>Yamux GoAway error codes.</summary>
public enum YamuxGoAwayCode : uint
{
    Normal = 0,
    ProtocolError = 1,
    InternalError = 2,
}
