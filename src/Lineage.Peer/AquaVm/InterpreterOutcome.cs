// SPDX-License-Identifier: Apache-2.0

namespace Lineage.Peer.AquaVm;

/// <summary>
/// AquaVM's <c>InterpreterOutcome</c> record (fluence-peer.md §6.3), fields in interface-types order.
/// <see cref="CallRequests"/> are the raw bytes; decode them with <see cref="CallRequestsCodec"/>.
/// </summary>
public sealed record InterpreterOutcome(
    long RetCode,
    string ErrorMessage,
    ReadOnlyMemory<byte> Data,
    IReadOnlyList<string> NextPeerPks,
    ReadOnlyMemory<byte> CallRequests,
    bool AirSizeLimitExceeded,
    bool ParticleSizeLimitExceeded,
    bool CallResultSizeLimitExceeded)
{
    /// <summary>The record's field names in interface-types order.</summary>
    public static IReadOnlyList<string> FieldOrder { get; } =
    [
        "ret_code", "error_message", "data", "next_peer_pks", "call_requests",
        "air_size_limit_exceeded", "particle_size_limit_exceeded", "call_result_size_limit_exceeded",
    ];

    /// <summary>Preparation errors (1…9999): AquaVM did not run; data is empty and must not replace prev_data.</summary>
    public bool IsPreparationError => RetCode is > 0 and < 10000;

    /// <summary>Uncatchable errors (20000+…): data is prev_data unchanged, nothing to route or call.</summary>
    public bool IsUncatchableError => RetCode is >= 20000 and < 30000;
}
