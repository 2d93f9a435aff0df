// SPDX-License-Identifier: Apache-2.0

namespace Lineage.Peer.AquaVm;

/// <summary>
/// AquaVM's <c>invoke</c> (fluence-peer.md §6.1): <c>invoke(air, prev_data, data, params, call_results)</c>.
/// The production implementation hosts the official avm.wasm in Lineage.Marine; whatever implements it must be
/// the real interpreter, because AquaVM data is an rkyv archive only AquaVM itself can read.
/// </summary>
public interface IAquaVm
{
    /// <summary>Runs one interpretation. <paramref name="callResults"/> are the raw bytes from <see cref="CallResultsCodec"/>.</summary>
    ValueTask<InterpreterOutcome> InvokeAsync(
        string air,
        ReadOnlyMemory<byte> prevData,
        ReadOnlyMemory<byte> data,
        RunParameters parameters,
        ReadOnlyMemory<byte> callResults,
        CancellationToken cancellationToken);
}
