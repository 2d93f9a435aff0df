// SPDX-License-Identifier: Apache-2.0

using System.Collections.Concurrent;
using Lineage.Peer.AquaVm;

namespace Lineage.Peer.Tests.AquaVm;

/// <summary>
/// Runs every interpretation on the in-process AquaVM and replays the same inputs on the oracle (the same avm.wasm
/// under marine-js in node, <see cref="NodeAquaVm"/>); records every field where the two outcomes differ. The
/// particle continues with the in-process outcome.
/// </summary>
internal sealed class DifferentialAquaVm(InProcessAquaVm subject, NodeAquaVm oracle) : IAquaVm
{
    private readonly ConcurrentQueue<string> _differences = new();
    private int _comparisons;

    public int Comparisons => Volatile.Read(ref _comparisons);

    public IReadOnlyCollection<string> Differences => _differences;

    public async ValueTask<InterpreterOutcome> InvokeAsync(string air, ReadOnlyMemory<byte> prevData, ReadOnlyMemory<byte> data, RunParameters parameters, ReadOnlyMemory<byte> callResults, CancellationToken cancellationToken)
    {
        InterpreterOutcome ours = await subject.InvokeAsync(air, prevData, data, parameters, callResults, cancellationToken);
        InterpreterOutcome theirs = await oracle.InvokeAsync(air, prevData, data, parameters, callResults, cancellationToken);
        string where = $"particle {parameters.ParticleId} on {parameters.CurrentPeerId}";
        Compare(where, "ret_code", ours.RetCode, theirs.RetCode);
        Compare(where, "error_message", ours.ErrorMessage, theirs.ErrorMessage);
        Compare(where, "next_peer_pks", string.Join(',', ours.NextPeerPks), string.Join(',', theirs.NextPeerPks));
        Compare(where, "call_requests", Convert.ToHexString(ours.CallRequests.Span), Convert.ToHexString(theirs.CallRequests.Span));
        Compare(where, "limits", (ours.AirSizeLimitExceeded, ours.ParticleSizeLimitExceeded, ours.CallResultSizeLimitExceeded),
            (theirs.AirSizeLimitExceeded, theirs.ParticleSizeLimitExceeded, theirs.CallResultSizeLimitExceeded));
        if (!ours.Data.Span.SequenceEqual(theirs.Data.Span))
        {
            // Equal bytes are the strong check; equal decoded content (trace, CIDs, signatures) is what matters.
            string ourData = await subject.ToHumanReadableDataAsync(ours.Data, cancellationToken);
            string theirData = (await oracle.HumanReadableAsync(theirs.Data))?.ToJsonString() ?? "null";
            Compare(where, "data", System.Text.Json.Nodes.JsonNode.Parse(ourData)?.ToJsonString(), theirData);
        }

        Interlocked.Increment(ref _comparisons);
        return ours;
    }

    private void Compare<T>(string where, string field, T ours, T theirs)
    {
        if (!EqualityComparer<T>.Default.Equals(ours, theirs))
        {
            _differences.Enqueue($"{where}: {field} differs: ours {ours}, oracle {theirs}");
        }
    }
}
