using System.Globalization;

namespace Faros.Bench.Edge;

/// <summary>
/// The output lines of a child process, each placed on the benchmark's one clock, so that log lines of the agent can
/// be set against the Agent object's watch events. A line that starts with a UTC time of day (HH:mm:ss.fff, what
/// <see cref="FarosProgram.TimestampedLogging"/> asks for) is placed at that time, since a process's output arrives
/// in bursts; any other line at the time it arrived.
/// </summary>
public sealed class TimedLines
{
    private readonly List<(TimeSpan At, string Line)> _lines = [];
    private readonly Lock _gate = new();
    private readonly BenchClock _clock;

    public TimedLines(BenchClock clock) => _clock = clock;

    public void Add(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_gate)
        {
            _lines.Add((line.Length > 13 && line[12] == ' ' && TimeOnly.TryParseExact(line.AsSpan(0, 12), "HH:mm:ss.fff", CultureInfo.InvariantCulture, DateTimeStyles.None, out var logged)
                ? _clock.At(logged)
                : _clock.Elapsed, line));
        }
    }

    /// <summary>When the first line at or after <paramref name="from"/> containing <paramref name="text"/> arrived.</summary>
    public TimeSpan? FirstAfter(TimeSpan from, string text)
    {
        lock (_gate)
        {
            foreach (var (at, line) in _lines)
            {
                if (at >= from && line.Contains(text, StringComparison.Ordinal))
                {
                    return at;
                }
            }
        }

        return null;
    }

    /// <summary>Writes every line with its arrival time (s) to <paramref name="path"/>.</summary>
    public void WriteTo(string path)
    {
        lock (_gate)
        {
            File.WriteAllLines(path, _lines.Select(l => $"{l.At.TotalSeconds,9:0.000} {l.Line}"));
        }
    }

    /// <summary>The last <paramref name="count"/> lines, for error messages.</summary>
    public string Tail(int count = 60)
    {
        lock (_gate)
        {
            return string.Join(Environment.NewLine, _lines.Skip(Math.Max(0, _lines.Count - count)).Select(l => l.Line));
        }
    }
}
