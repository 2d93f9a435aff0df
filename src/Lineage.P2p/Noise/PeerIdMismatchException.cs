// SPDX-License-Identifier: Apache-2.0

using Lineage.P2p.Identity;

namespace Lineage.P2p.Noise;

/// <summary>The remote authenticated as a different peer than the one dialled.</summary>
public sealed class PeerIdMismatchException : NoiseHandshakeException
{
    public PeerIdMismatchException()
    {
    }

    public PeerIdMismatchException(string message)
        : base(message)
    {
    }

    public PeerIdMismatchException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public PeerIdMismatchException(PeerId expected, PeerId actual)
        : base($"dialled {expected} but the remote authenticated as {actual}")
    {
        Expected = expected;
        Actual = actual;
    }

    public PeerId? Expected { get; }

    public PeerId? Actual { get; }
}
