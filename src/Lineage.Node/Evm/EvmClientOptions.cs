// SPDX-License-Identifier: Apache-2.0

namespace Lineage.Node.Evm;

/// <summary>Limits for calls to EVM JSON-RPC endpoints.</summary>
public sealed class EvmClientOptions
{
    /// <summary>Per-request deadline.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Largest response body accepted; larger answers fail with <c>ResponseTooLarge</c>.</summary>
    public int MaxResponseBytes { get; set; } = 64 * 1024 * 1024;

    /// <summary>Sustained requests per second allowed per endpoint (token bucket refill rate).</summary>
    public int RequestsPerSecond { get; set; } = 50;

    /// <summary>Burst size of the per-endpoint token bucket.</summary>
    public int Burst { get; set; } = 20;
}
