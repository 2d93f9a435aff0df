// SPDX-License-Identifier: Apache-2.0

namespace Lineage.P2p.Hosting;

/// <summary>
/// Serves one inbound stream of a registered protocol. The host disposes the stream when the handler returns and
/// resets it if the handler throws. The token fires when the connection or the host shuts down.
/// </summary>
public delegate Task StreamHandler(P2pStream stream, CancellationToken cancellationToken);
