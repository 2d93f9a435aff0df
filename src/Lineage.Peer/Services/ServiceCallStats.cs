// SPDX-License-Identifier: Apache-2.0

using System.Text.Json.Nodes;

namespace Lineage.Peer.Services;

/// <summary>
/// Call statistics of one service for <c>stat.service_stat</c> (nox <c>peer-metrics</c> builtin stats): counts,
/// call time and memory growth per call (totals, averages and the last 5 values), and the last 5 call timestamps,
/// for the whole service and per function.
/// </summary>
public sealed class ServiceCallStats
{
    private const int SeriesLength = 5;
    private readonly Lock _lock = new();
    private readonly Counters _total = new();
    private readonly Dictionary<string, Counters> _functions = new(StringComparer.Ordinal);

    /// <summary>True once at least one call was recorded.</summary>
    public bool HasCalls
    {
        get
        {
            lock (_lock)
            {
                return _total.Success + _total.Failed > 0;
            }
        }
    }

    public void RecordSuccess(string function, TimeSpan duration, long memoryDeltaBytes, ulong timestampMs)
    {
        lock (_lock)
        {
            foreach (Counters c in new[] { _total, For(function) })
            {
                c.Success++;
                c.CallTime.Add(duration.TotalSeconds, c.Success);
                c.MemoryDeltas.Add(memoryDeltaBytes, c.Success);
                c.AddTimestamp(timestampMs);
            }
        }
    }

    /// <summary>Records a failed call; <paramref name="function"/> is null when the function does not exist (no entry is made for it).</summary>
    public void RecordFailure(string? function, ulong timestampMs)
    {
        lock (_lock)
        {
            _total.Failed++;
            _total.AddTimestamp(timestampMs);
            if (function is not null)
            {
                Counters c = For(function);
                c.Failed++;
                c.AddTimestamp(timestampMs);
            }
        }
    }

    /// <summary>aqua-lib <c>ServiceStat{total_stats, functions_stats: [{name, stats}]}</c>.</summary>
    public JsonObject ToJson()
    {
        lock (_lock)
        {
            return new JsonObject
            {
                ["total_stats"] = _total.ToJson(),
                ["functions_stats"] = new JsonArray([.. _functions.OrderBy(f => f.Key, StringComparer.Ordinal)
                    .Select(f => (JsonNode?)new JsonObject { ["name"] = f.Key, ["stats"] = f.Value.ToJson() })]),
            };
        }
    }

    private Counters For(string function)
    {
        if (!_functions.TryGetValue(function, out Counters? counters))
        {
            counters = new Counters();
            _functions[function] = counters;
        }

        return counters;
    }

    private sealed class Counters
    {
        private readonly Queue<ulong> _timestamps = new();

        public ulong Success { get; set; }

        public ulong Failed { get; set; }

        public Series CallTime { get; } = new();

        public Series MemoryDeltas { get; } = new();

        public void AddTimestamp(ulong timestamp)
        {
            if (_timestamps.Count == SeriesLength)
            {
                _timestamps.Dequeue();
            }

            _timestamps.Enqueue(timestamp);
        }

        public JsonObject ToJson() => new()
        {
            ["success_req_count"] = Success,
            ["failed_req_count"] = Failed,
            ["call_time_sec"] = CallTime.ToJson(),
            ["memory_deltas_bytes"] = MemoryDeltas.ToJson(),
            ["timestamps"] = new JsonArray([.. _timestamps.Select(t => (JsonNode?)JsonValue.Create(t))]),
        };
    }

    private sealed class Series
    {
        private readonly Queue<double> _last = new();
        private double _total;
        private double _average;

        public void Add(double value, ulong count)
        {
            if (_last.Count == SeriesLength)
            {
                _last.Dequeue();
            }

            _last.Enqueue(value);
            _total += value;
            _average = _total / count;
        }

        public JsonObject ToJson() => new()
        {
            ["avg"] = _average,
            ["series"] = new JsonArray([.. _last.Select(v => (JsonNode?)JsonValue.Create(v))]),
            ["total"] = _total,
        };
    }
}
