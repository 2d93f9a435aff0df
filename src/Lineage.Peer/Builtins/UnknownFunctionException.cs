// SPDX-License-Identifier: Apache-2.0

namespace Lineage.Peer.Builtins;

/// <summary>The service exists but has no such function.</summary>
public sealed class UnknownFunctionException(string serviceId, string functionName)
    : Exception($"Service with id '{serviceId}' has no function '{functionName}'");
