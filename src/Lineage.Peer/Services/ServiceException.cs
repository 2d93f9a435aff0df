// SPDX-License-Identifier: Apache-2.0

namespace Lineage.Peer.Services;

/// <summary>A service-management request was refused (bad input, unknown id, not allowed); the message says why.</summary>
public sealed class ServiceException(string message) : Exception(message);
