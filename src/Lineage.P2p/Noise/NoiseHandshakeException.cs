// SPDX-License-Identifier: Apache-2.0

namespace Lineage.P2p.Noise;

/// <summary>The Noise handshake failed: malformed message, bad signature, decryption failure, wrong peer.</summary>
public class NoiseHandshakeException : P2pProtocolException
{
    public NoiseHandshakeException()
    {
    }

    public NoiseHandshakeException(string message)
        : base(message)
    {
    }

    public NoiseHandshakeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
