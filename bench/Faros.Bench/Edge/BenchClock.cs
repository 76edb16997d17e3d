using System.Diagnostics;

namespace Faros.Bench.Edge;

/// <summary>
/// The one clock of a benchmark run: a monotonic stopwatch, anchored to the UTC wall clock at its start so that
/// timestamps the programs write in their logs can be placed on it.
/// </summary>
public sealed class BenchClock
{
    private readonly Stopwatch _stopwatch = Stopwatch.StartNew();
    private readonly DateTime _startUtc = DateTime.UtcNow;

    public TimeSpan Elapsed => _stopwatch.Elapsed;

    /// <summary>Where a UTC time of day (as a program logged it, today or just after midnight) falls on this clock.</summary>
    public TimeSpan At(TimeOnly utcTimeOfDay)
    {
        var at = _startUtc.Date + utcTimeOfDay.ToTimeSpan();
        if (at < _startUtc - TimeSpan.FromHours(12))
        {
            at = at.AddDays(1);
        }

        return at - _startUtc;
    }
}
