// SPDX-License-Identifier: Apache-2.0

namespace Lineage.Marine.Hosting;

/// <summary>Where an argument value came from: peer, service, function and the lens applied to the result.</summary>
public sealed record MarineSecurityTetraplet(string PeerPk, string ServiceId, string FunctionName, string Lens);
