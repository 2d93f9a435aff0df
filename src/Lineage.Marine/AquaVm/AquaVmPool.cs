// SPDX-License-Identifier: Apache-2.0

using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace Lineage.Marine.AquaVm;

/// <summary>
/// A fixed pool of <see cref="AquaVm"/> instances (AquaVM is single-threaded per instance): a call borrows an idle
/// instance, waiting for one when all are busy.
/// </summary>
public sealed class AquaVmPool : IDisposable
{
    private readonly List<AquaVm> _all;
    private readonly Channel<AquaVm> _idle;

    private AquaVmPool(List<AquaVm> all)
    {
        _all = all;
        _idle = Channel.CreateBounded<AquaVm>(all.Count);
        foreach (AquaVm vm in all)
        {
            _idle.Writer.TryWrite(vm);
        }
    }

    public int Size => _all.Count;

    /// <summary>Instantiates <see cref="AquaVmOptions.PoolSize"/> instances of avm.wasm.</summary>
    public static AquaVmPool Create(ReadOnlyMemory<byte> avmWasm, AquaVmOptions? options = null, ILogger? logger = null)
    {
        options ??= new AquaVmOptions();
        var all = new List<AquaVm>();
        try
        {
            for (int i = 0; i < options.PoolSize; i++)
            {
                all.Add(AquaVm.Load(avmWasm, options, logger));
            }
        }
        catch
        {
            all.ForEach(vm => vm.Dispose());
            throw;
        }

        return new AquaVmPool(all);
    }

    /// <summary>Runs <paramref name="work"/> on an idle instance (on a thread-pool thread).</summary>
    public async Task<T> RunAsync<T>(Func<AquaVm, T> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        AquaVm vm = await _idle.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await Task.Run(() => work(vm), CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            _idle.Writer.TryWrite(vm);
        }
    }

    /// <summary>Invokes AquaVM on an idle instance.</summary>
    public Task<AquaVmOutcome> InvokeAsync(
        string air,
        ReadOnlyMemory<byte> prevData,
        ReadOnlyMemory<byte> data,
        AquaVmRunParameters parameters,
        IReadOnlyDictionary<uint, AquaVmCallResult> callResults,
        CancellationToken cancellationToken) =>
        RunAsync(vm => vm.Invoke(air, prevData, data, parameters, callResults), cancellationToken);

    public void Dispose()
    {
        _idle.Writer.TryComplete();
        foreach (AquaVm vm in _all)
        {
            vm.Dispose();
        }
    }
}
