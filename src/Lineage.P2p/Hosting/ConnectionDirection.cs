// SPDX-License-Identifier: Apache-2.0

namespace Lineage.P2p.Hosting;

/// <summary>Who opened a connection.</summary>
public enum ConnectionDirection
{
    Inbound,
    Outbound,
}
