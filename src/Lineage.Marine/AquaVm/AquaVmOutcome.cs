// SPDX-License-Identifier: Apache-2.0

namespace Lineage.Marine.AquaVm;

/// <summary>AquaVM's <c>InterpreterOutcome</c> with the call requests decoded.</summary>
public sealed record AquaVmOutcome(
    long RetCode,
    string ErrorMessage,
    byte[] Data,
    IReadOnlyList<string> NextPeerPks,
    IReadOnlyDictionary<uint, AquaVmCallRequest> CallRequests,
    byte[] RawCallRequests,
    bool AirSizeLimitExceeded,
    bool ParticleSizeLimitExceeded,
    bool CallResultSizeLimitExceeded);
