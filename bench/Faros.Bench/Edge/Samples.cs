using System.Globalization;

namespace Faros.Bench.Edge;

/// <summary>Durations of repeated measurements, summarised the same way everywhere (nearest-rank percentiles).</summary>
public sealed class Samples
{
    private readonly List<double> _milliseconds = [];

    public int Count => _milliseconds.Count;

    public void Add(TimeSpan? duration)
    {
        if (duration is { } value)
        {
            _milliseconds.Add(value.TotalMilliseconds);
        }
    }

    /// <summary>The nearest-rank percentile in ms: the smallest sample with at least <paramref name="p"/> % of the samples at or below it.</summary>
    public double Percentile(double p)
    {
        if (_milliseconds.Count == 0)
        {
            return double.NaN;
        }

        var sorted = _milliseconds.Order().ToList();
        var rank = (int)Math.Ceiling(p / 100 * sorted.Count);
        return sorted[Math.Clamp(rank, 1, sorted.Count) - 1];
    }

    /// <summary>"p50 · p95 · max (n)" in ms.</summary>
    public string Summary() => Count == 0
        ? "n/a"
        : string.Create(CultureInfo.InvariantCulture, $"{Percentile(50):0} · {Percentile(95):0} · {Percentile(100):0} ms (n = {Count})");
}
