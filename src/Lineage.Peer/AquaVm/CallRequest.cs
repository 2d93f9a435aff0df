// SPDX-License-Identifier: Apache-2.0

using System.Text.Json.Nodes;

namespace Lineage.Peer.AquaVm;

/// <summary>
/// One service call AquaVM asks the host to make (<c>CallRequestParams</c>, fluence-peer.md §6.4): the positional
/// JSON arguments and, per argument, the tetraplets describing their origin.
/// </summary>
public sealed record CallRequest(
    string ServiceId,
    string FunctionName,
    JsonArray Arguments,
    IReadOnlyList<IReadOnlyList<SecurityTetraplet>> Tetraplets);
