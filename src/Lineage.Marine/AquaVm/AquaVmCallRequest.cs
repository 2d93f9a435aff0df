// SPDX-License-Identifier: Apache-2.0

using System.Text.Json.Nodes;
using Lineage.Marine.Hosting;

namespace Lineage.Marine.AquaVm;

/// <summary>A service call AquaVM asks the host to make: service, function, JSON arguments and their tetraplets.</summary>
public sealed record AquaVmCallRequest(
    string ServiceId,
    string FunctionName,
    JsonArray Arguments,
    IReadOnlyList<IReadOnlyList<MarineSecurityTetraplet>> Tetraplets);
