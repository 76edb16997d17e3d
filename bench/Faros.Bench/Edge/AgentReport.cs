using System.Globalization;

namespace Faros.Bench.Edge;

/// <summary>What the agent benchmark measured, and its Markdown report.</summary>
public sealed record AgentReport(
    IReadOnlyList<ChangeTimeline> ColdAdds,
    IReadOnlyList<ChangeTimeline> WarmAdds,
    IReadOnlyList<ChangeTimeline> RangeSwaps,
    IReadOnlyList<ChangeTimeline> PushSwaps,
    DeviceMemory NoPlugins,
    DeviceMemory Idle,
    IReadOnlyList<double> IdleRssMiB,
    double IdleCpuSeconds,
    TimeSpan IdleTime)
{
    public void Write(TextWriter output)
    {
        var series = new[] { ColdAdds, WarmAdds, RangeSwaps, PushSwaps };
        output.WriteLine();
        output.WriteLine("| Figure | p50 · p95 · max | Target |");
        output.WriteLine("| --- | --- | --- |");
        output.WriteLine($"| (a) spec change adding a plugin → Running in status, cold (new version: download, verify, load) | {Summary(ColdAdds, t => t.Total)} | p95 < 1 s |");
        output.WriteLine($"| (a) the same, warm (version cached on the device) | {Summary(WarmAdds, t => t.Total)} | p95 < 1 s |");
        output.WriteLine($"| (b) hot swap, version range changed in the spec → new version Running | {Summary(RangeSwaps, t => t.Total)} | < 1 s |");
        output.WriteLine($"| (b) hot swap, newer version pushed under `*` → Running (operator defaults: change feed; re-resolve 300 s, cache 30 s) | {Summary(PushSwaps, t => t.Total)} | < 1 s |");
        output.WriteLine(Invariant($"| (c) agent RSS (VmRSS) idle with 3 plugins Running, after {IdleTime.TotalSeconds:0} s | {Idle.RssMiB:0.0} MiB (min {IdleRssMiB.Min():0.0}, max {IdleRssMiB.Max():0.0} over the {IdleTime.TotalSeconds:0} s; peak VmHWM {Idle.PeakMiB:0.0} MiB since start) | < 60 MB |"));
        output.WriteLine(Invariant($"| agent RSS with no plugin, 10 s after its first heartbeat | {NoPlugins.RssMiB:0.0} MiB | |"));
        output.WriteLine($"| RSS split, RssAnon (GC heap, native, stacks) + RssFile (runtime, assemblies) + RssShmem (JIT code, W^X double mapping): idle with 3 plugins / no plugin | {Idle.SplitText} / {NoPlugins.SplitText} MiB | |");
        output.WriteLine(Invariant($"| agent CPU while idle with 3 plugins | {IdleCpuSeconds:0.00} s over {IdleTime.TotalSeconds:0} s | |"));
        output.WriteLine();
        output.WriteLine("Where the time went (p50 · p95 · max of each segment; see ChangeTimeline):");
        output.WriteLine();
        output.WriteLine("| Segment | add, cold | add, warm | swap by range | swap by push |");
        output.WriteLine("| --- | --- | --- | --- | --- |");
        foreach (var (name, segment) in Segments)
        {
            output.WriteLine($"| {name} | " + string.Join(" | ", series.Select(list => Summary(list, segment))) + " |");
        }

        output.WriteLine();
        output.WriteLine("Every sample, ms (total = operator + pickup + download + verify + load + status write):");
        output.WriteLine();
        foreach (var (label, list) in new[] { ("add cold", ColdAdds), ("add warm", WarmAdds), ("swap by range", RangeSwaps), ("swap by push", PushSwaps) })
        {
            output.WriteLine($"- {label}: " + string.Join(", ", list.Select(t =>
                $"{Ms(t.Total)} ({Ms(t.Operator)}+{Ms(t.AgentPickup)}+{Ms(t.Download)}+{Ms(t.Verify)}+{Ms(t.Load)}+{Ms(t.StatusWrite)})")));
        }

        output.WriteLine();
        output.WriteLine("Resident memory of the idle agent with 3 plugins by mapping (/proc/PID/smaps), the 15 largest, MiB:");
        output.WriteLine();
        output.WriteLine(string.Join(", ", Idle.Mappings.Take(15).Select(m => Invariant($"{m.Mapping} {m.MiB:0.0}"))));
    }

    private static readonly (string Name, Func<ChangeTimeline, TimeSpan?> Segment)[] Segments =
    [
        ("change → operator's pin in status", t => t.Operator),
        ("pin → agent's first log line for the version", t => t.AgentPickup),
        ("download (first line → Verifying)", t => t.Download),
        ("verify + extract (Verifying → Starting)", t => t.Verify),
        ("load + stop old + start (Starting → Running logged)", t => t.Load),
        ("status write (Running logged → Running in status)", t => t.StatusWrite),
    ];

    private static string Summary(IEnumerable<ChangeTimeline> timelines, Func<ChangeTimeline, TimeSpan?> segment)
    {
        var samples = new Samples();
        foreach (var timeline in timelines)
        {
            samples.Add(segment(timeline));
        }

        return samples.Summary();
    }

    private static string Ms(TimeSpan? duration) => duration is { } d ? d.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture) : "?";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
