// SPDX-License-Identifier: Apache-2.0

using System.IO.Pipelines;
using Lineage.P2p.Identity;
using Lineage.P2p.Noise;

namespace Lineage.P2p.Tests.Infrastructure;

/// <summary>Runs a Noise handshake between two in-memory ends.</summary>
public static class SecuredPair
{
    public static async Task<(NoiseResult Initiator, NoiseResult Responder)> HandshakeAsync(
        PrivateKey initiatorKey, PrivateKey responderKey, IReadOnlyList<string>? initiatorMuxers = null, IReadOnlyList<string>? responderMuxers = null, PeerId? expected = null)
    {
        (IDuplexPipe a, IDuplexPipe b) = TestPipes.CreatePair();
        Task<NoiseResult> responder = NoiseHandshake.RespondAsync(b.Input, b.Output, responderKey, responderMuxers ?? ["/yamux/1.0.0"], CancellationToken.None).AsTask();
        Task<NoiseResult> initiator = NoiseHandshake.InitiateAsync(a.Input, a.Output, initiatorKey, expected ?? responderKey.PeerId, initiatorMuxers ?? ["/yamux/1.0.0"], CancellationToken.None).AsTask();
        NoiseResult initiated = await initiator.WaitAsync(TimeSpan.FromSeconds(10));
        return (initiated, await responder.WaitAsync(TimeSpan.FromSeconds(10)));
    }
}
