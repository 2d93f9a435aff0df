// SPDX-License-Identifier: Apache-2.0

using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Lineage.Node.Diagnostics;

/// <summary>The node's own instruments (meter <c>Lineage.Node</c>); exported at <c>/metrics</c>.</summary>
internal sealed class NodeMetrics
{
    public const string MeterName = "Lineage.Node";

    private static readonly double[] s_durationBuckets =
        [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    private readonly Counter<long> _rpcCalls;
    private readonly Histogram<double> _rpcDuration;
    private readonly Counter<long> _rpcRejected;
    private readonly Counter<long> _particlesSent;
    private readonly Counter<long> _particlesRejected;
    private readonly long _startTimestamp = Stopwatch.GetTimestamp();

    public NodeMetrics(IMeterFactory meterFactory)
    {
        Meter meter = meterFactory.Create(MeterName);
        _rpcCalls = meter.CreateCounter<long>(
            "lineage.rpc.calls", "{call}", "JSON-RPC calls by method and outcome (ok or the JSON-RPC error code)");
        _rpcDuration = meter.CreateHistogram(
            "lineage.rpc.call.duration",
            "s",
            "JSON-RPC call duration by method",
            tags: null,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = s_durationBuckets });
        _rpcRejected = meter.CreateCounter<long>(
            "lineage.rpc.rejected", "{request}", "JSON-RPC HTTP requests rejected before dispatch, by reason");
        _particlesSent = meter.CreateCounter<long>(
            "lineage.particles.sent", "{particle}", "Particles sent to other peers over /fluence/particle/2.0.0");
        _particlesRejected = meter.CreateCounter<long>(
            "lineage.particles.rejected", "{particle}", "Inbound particles refused before execution, by reason (malformed, Expired, BadSignature, Replayed, TtlTooLong)");
        meter.CreateObservableGauge(
            "lineage.node.uptime", () => Stopwatch.GetElapsedTime(_startTimestamp).TotalSeconds, "s", "Seconds since the node started");
    }

    public void RpcCall(string method, string outcome, TimeSpan duration)
    {
        var tags = new TagList { { "method", method }, { "outcome", outcome } };
        _rpcCalls.Add(1, tags);
        _rpcDuration.Record(duration.TotalSeconds, new KeyValuePair<string, object?>("method", method));
    }

    public void RpcRejected(string reason) => _rpcRejected.Add(1, new KeyValuePair<string, object?>("reason", reason));

    public void ParticleSent() => _particlesSent.Add(1);

    public void ParticleRejected(string reason) => _particlesRejected.Add(1, new KeyValuePair<string, object?>("reason", reason));
}
