// SPDX-License-Identifier: Apache-2.0

using System.Runtime.InteropServices;
using Lineage.Marine.AquaVm;
using Microsoft.Extensions.Logging;

namespace Lineage.Peer.AquaVm;

/// <summary>
/// <see cref="IAquaVm"/> in this process: the official avm.wasm on our Wasm runtime through Lineage.Marine's
/// <see cref="AquaVmPool"/>. A run borrows an idle instance (AquaVM is single-threaded per instance), so at most
/// <see cref="PoolSize"/> particles are interpreted at once and the rest wait for an instance.
/// </summary>
public sealed class InProcessAquaVm : IAquaVm, IDisposable
{
    private readonly AquaVmPool _pool;

    private InProcessAquaVm(AquaVmPool pool) => _pool = pool;

    /// <summary>Instances in the pool.</summary>
    public int PoolSize => _pool.Size;

    /// <summary>Instantiates <see cref="AquaVmOptions.PoolSize"/> copies of <paramref name="avmWasm"/>.</summary>
    /// <exception cref="Marine.Hosting.MarineLoadException">The module is not a compatible AquaVM.</exception>
    public static InProcessAquaVm Create(ReadOnlyMemory<byte> avmWasm, AquaVmOptions? options = null, ILogger? logger = null) =>
        new(AquaVmPool.Create(avmWasm, options, logger));

    /// <summary>Loads avm.wasm from <paramref name="path"/> and creates the pool.</summary>
    /// <exception cref="FileNotFoundException">No file at <paramref name="path"/>.</exception>
    public static InProcessAquaVm Load(string path, AquaVmOptions? options = null, ILogger? logger = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"avm.wasm not found at {path}", path);
        }

        return Create(File.ReadAllBytes(path), options, logger);
    }

    public async ValueTask<InterpreterOutcome> InvokeAsync(
        string air,
        ReadOnlyMemory<byte> prevData,
        ReadOnlyMemory<byte> data,
        RunParameters parameters,
        ReadOnlyMemory<byte> callResults,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(air);
        ArgumentNullException.ThrowIfNull(parameters);
        var run = new AquaVmRunParameters
        {
            InitPeerId = parameters.InitPeerId,
            CurrentPeerId = parameters.CurrentPeerId,
            Timestamp = parameters.Timestamp,
            Ttl = parameters.Ttl,
            KeyFormat = parameters.KeyFormat,
            SecretKeyBytes = parameters.SecretKeyBytes.ToArray(),
            ParticleId = parameters.ParticleId,
            AirSizeLimit = parameters.AirSizeLimit,
            ParticleSizeLimit = parameters.ParticleSizeLimit,
            CallResultSizeLimit = parameters.CallResultSizeLimit,
            HardLimitEnabled = parameters.HardLimitEnabled,
        };
        byte[] results = AsArray(callResults);
        AquaVmOutcome outcome = await _pool
            .RunAsync(vm => vm.InvokeRaw(air, prevData, data, run, results), cancellationToken)
            .ConfigureAwait(false);
        return new InterpreterOutcome(
            outcome.RetCode,
            outcome.ErrorMessage,
            outcome.Data,
            outcome.NextPeerPks,
            outcome.RawCallRequests,
            outcome.AirSizeLimitExceeded,
            outcome.ParticleSizeLimitExceeded,
            outcome.CallResultSizeLimitExceeded);
    }

    /// <summary>AquaVM's JSON view of particle data (for diagnostics and tests).</summary>
    public Task<string> ToHumanReadableDataAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken) =>
        _pool.RunAsync(vm => vm.ToHumanReadableData(data), cancellationToken);

    public void Dispose() => _pool.Dispose();

    // The codec hands over whole arrays; avoid a copy when the memory is exactly one.
    private static byte[] AsArray(ReadOnlyMemory<byte> memory) =>
        MemoryMarshal.TryGetArray(memory, out ArraySegment<byte> segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length
            ? segment.Array
            : memory.ToArray();
}
