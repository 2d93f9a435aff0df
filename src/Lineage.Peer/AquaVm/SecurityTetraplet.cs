// SPDX-License-Identifier: Apache-2.0

using System.Text.Json.Serialization;

namespace Lineage.Peer.AquaVm;

/// <summary>Where an argument value came from (fluence-peer.md §7.7); services use it for authorisation.</summary>
public sealed record SecurityTetraplet(
    [property: JsonPropertyName("peer_pk")] string PeerPk,
    [property: JsonPropertyName("service_id")] string ServiceId,
    [property: JsonPropertyName("function_name")] string FunctionName,
    [property: JsonPropertyName("lens")] string Lens);
