// SPDX-License-Identifier: Apache-2.0

using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;

namespace Lineage.Node.Diagnostics;

/// <summary>
/// Collects every instrument of one <see cref="IMeterFactory"/> scope (the node's own meters and ASP.NET Core's)
/// and renders them in the Prometheus text exposition format 0.0.4. No exporter package exists on our feed, so this
/// is the small in-house one.
/// </summary>
/// <remarks>
/// Only instruments whose meter belongs to the given factory scope are collected, so two nodes in one process
/// (tests) never see each other's measurements. Counters become <c>_total</c> series, up-down counters and gauges
/// become gauges, histograms get cumulative <c>_bucket</c>/<c>_sum</c>/<c>_count</c> series.
/// </remarks>
internal sealed class PrometheusExporter : IDisposable
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    private static readonly double[] s_defaultBuckets = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10];

    private readonly object _scope;
    private readonly MeterListener _listener;
    private readonly ConcurrentDictionary<Instrument, InstrumentSeries> _instruments = new();

    public PrometheusExporter(IMeterFactory scope)
    {
        _scope = scope;
        _listener = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (ReferenceEquals(instrument.Meter.Scope, _scope))
                {
                    _instruments.TryAdd(instrument, new InstrumentSeries(instrument, BucketsOf(instrument)));
                    listener.EnableMeasurementEvents(instrument);
                }
            },
            MeasurementsCompleted = (instrument, _) => _instruments.TryRemove(instrument, out InstrumentSeries? _),
        };
        _listener.SetMeasurementEventCallback<long>((i, v, tags, _) => Record(i, v, tags));
        _listener.SetMeasurementEventCallback<int>((i, v, tags, _) => Record(i, v, tags));
        _listener.SetMeasurementEventCallback<double>((i, v, tags, _) => Record(i, v, tags));
        _listener.SetMeasurementEventCallback<float>((i, v, tags, _) => Record(i, v, tags));
        _listener.Start();
    }

    /// <summary>Renders the current values of every collected instrument.</summary>
    public string Render()
    {
        _listener.RecordObservableInstruments();
        var text = new StringBuilder(4096);
        foreach (InstrumentSeries series in _instruments.Values.OrderBy(s => s.Name, StringComparer.Ordinal))
        {
            series.WriteTo(text);
        }

        return text.ToString();
    }

    public void Dispose() => _listener.Dispose();

    internal static string MetricName(Instrument instrument)
    {
        string name = Sanitize(instrument.Name);
        string? unitSuffix = instrument.Unit switch
        {
            "s" => "_seconds",
            "ms" => "_milliseconds",
            "By" => "_bytes",
            _ => null,
        };
        if (unitSuffix is not null && !name.EndsWith(unitSuffix, StringComparison.Ordinal))
        {
            name += unitSuffix;
        }

        if (KindOf(instrument) == SeriesKind.Counter && !name.EndsWith("_total", StringComparison.Ordinal))
        {
            name += "_total";
        }

        return name;
    }

    internal static string Sanitize(string name)
    {
        var builder = new StringBuilder(name.Length);
        foreach (char c in name)
        {
            builder.Append(char.IsAsciiLetterOrDigit(c) || c is '_' or ':' ? c : '_');
        }

        if (builder.Length == 0 || char.IsAsciiDigit(builder[0]))
        {
            builder.Insert(0, '_');
        }

        return builder.ToString();
    }

    internal static string FormatValue(double value) => value switch
    {
        double.PositiveInfinity => "+Inf",
        double.NegativeInfinity => "-Inf",
        double.NaN => "NaN",
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };

    private static SeriesKind KindOf(Instrument instrument)
    {
        Type definition = instrument.GetType().GetGenericTypeDefinition();
        if (definition == typeof(Counter<>) || definition == typeof(ObservableCounter<>))
        {
            return SeriesKind.Counter;
        }

        return definition == typeof(Histogram<>) ? SeriesKind.Histogram : SeriesKind.Gauge;
    }

    private static double[] BucketsOf(Instrument instrument)
    {
        IReadOnlyList<double>? advised = instrument switch
        {
            Histogram<double> h => h.Advice?.HistogramBucketBoundaries,
            Histogram<long> h => h.Advice?.HistogramBucketBoundaries?.Select(b => (double)b).ToArray(),
            Histogram<int> h => h.Advice?.HistogramBucketBoundaries?.Select(b => (double)b).ToArray(),
            _ => null,
        };
        return advised is { Count: > 0 } ? [.. advised] : s_defaultBuckets;
    }

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (_instruments.TryGetValue(instrument, out InstrumentSeries? series))
        {
            series.Record(value, tags);
        }
    }

    private enum SeriesKind
    {
        Counter,
        Gauge,
        Histogram,
    }

    private sealed class InstrumentSeries(Instrument instrument, double[] buckets)
    {
        private readonly Lock _gate = new();
        private readonly SortedDictionary<string, Point> _points = new(StringComparer.Ordinal);
        private readonly SeriesKind _kind = KindOf(instrument);
        private readonly bool _cumulativeObservations = instrument.IsObservable;

        public string Name { get; } = MetricName(instrument);

        public void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            string labels = FormatLabels(tags);
            lock (_gate)
            {
                if (!_points.TryGetValue(labels, out Point? point))
                {
                    point = new Point(_kind == SeriesKind.Histogram ? new long[buckets.Length] : null);
                    _points.Add(labels, point);
                }

                switch (_kind)
                {
                    case SeriesKind.Histogram:
                        int index = Array.BinarySearch(buckets, value);
                        index = index >= 0 ? index : ~index;
                        if (index < buckets.Length)
                        {
                            point.Buckets![index]++;
                        }

                        point.Sum += value;
                        point.Count++;
                        break;
                    case SeriesKind.Counter when !_cumulativeObservations:
                        point.Sum += value;
                        break;
                    default:
                        // Gauges, up-down counters and observable (already cumulative) values report the latest value;
                        // synchronous up-down counters add.
                        if (!_cumulativeObservations && instrument.GetType().GetGenericTypeDefinition() == typeof(UpDownCounter<>))
                        {
                            point.Sum += value;
                        }
                        else
                        {
                            point.Sum = value;
                        }

                        break;
                }
            }
        }

        public void WriteTo(StringBuilder text)
        {
            lock (_gate)
            {
                if (_points.Count == 0)
                {
                    return;
                }

                if (!string.IsNullOrEmpty(instrument.Description))
                {
                    text.Append("# HELP ").Append(Name).Append(' ')
                        .Append(instrument.Description.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal))
                        .Append('\n');
                }

                text.Append("# TYPE ").Append(Name).Append(' ').Append(_kind switch
                {
                    SeriesKind.Counter => "counter",
                    SeriesKind.Histogram => "histogram",
                    _ => "gauge",
                }).Append('\n');

                foreach ((string labels, Point point) in _points)
                {
                    if (_kind != SeriesKind.Histogram)
                    {
                        text.Append(Name).Append(Braced(labels)).Append(' ').Append(FormatValue(point.Sum)).Append('\n');
                        continue;
                    }

                    long cumulative = 0;
                    for (int i = 0; i < buckets.Length; i++)
                    {
                        cumulative += point.Buckets![i];
                        AppendBucket(text, labels, FormatValue(buckets[i]), cumulative);
                    }

                    AppendBucket(text, labels, "+Inf", point.Count);
                    text.Append(Name).Append("_sum").Append(Braced(labels)).Append(' ').Append(FormatValue(point.Sum)).Append('\n');
                    text.Append(Name).Append("_count").Append(Braced(labels)).Append(' ').Append(point.Count.ToString(CultureInfo.InvariantCulture)).Append('\n');
                }
            }
        }

        private static string Braced(string labels) => labels.Length == 0 ? string.Empty : "{" + labels + "}";

        private static string FormatLabels(ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            if (tags.IsEmpty)
            {
                return string.Empty;
            }

            var pairs = new List<KeyValuePair<string, string>>(tags.Length);
            foreach (KeyValuePair<string, object?> tag in tags)
            {
                pairs.Add(new(Sanitize(tag.Key), Convert.ToString(tag.Value, CultureInfo.InvariantCulture) ?? string.Empty));
            }

            pairs.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
            var builder = new StringBuilder();
            foreach (KeyValuePair<string, string> pair in pairs)
            {
                if (builder.Length > 0)
                {
                    builder.Append(',');
                }

                builder.Append(pair.Key).Append("=\"")
                    .Append(pair.Value.Replace("\\", "\\\\", StringComparison.Ordinal)
                        .Replace("\"", "\\\"", StringComparison.Ordinal)
                        .Replace("\n", "\\n", StringComparison.Ordinal))
                    .Append('"');
            }

            return builder.ToString();
        }

        private void AppendBucket(StringBuilder text, string labels, string bound, long count)
        {
            string le = "le=\"" + bound + "\"";
            text.Append(Name).Append("_bucket{").Append(labels.Length == 0 ? le : labels + "," + le).Append("} ")
                .Append(count.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }
    }

    private sealed class Point(long[]? buckets)
    {
        public long[]? Buckets { get; } = buckets;

        public double Sum { get; set; }

        public long Count { get; set; }
    }
}
