// SPDX-License-Identifier: Apache-2.0

namespace Lineage.Peer.Builtins;

/// <summary>A builtin refused its request; the message goes back to AquaVM as the service error.</summary>
public sealed class BuiltinException(string message) : Exception(message);
