using System.Globalization;

namespace Faros.Bench.Edge;

/// <summary>Figures of a running process and of the machine, read from /proc.</summary>
public static class ProcessFigures
{
    private static readonly long TicksPerSecond = 100; // USER_HZ on Linux, what /proc/PID/stat counts in.

    /// <summary>VmRSS (resident now) in MiB.</summary>
    public static double RssMiB(int pid) => StatusKilobytes(pid, "VmRSS:") / 1024.0;

    /// <summary>VmHWM (peak resident) in MiB.</summary>
    public static double PeakRssMiB(int pid) => StatusKilobytes(pid, "VmHWM:") / 1024.0;

    /// <summary>
    /// VmRSS split, in MiB: RssAnon (GC heap, native allocations, stacks), RssFile (mapped files: the runtime and
    /// assemblies) and RssShmem (shared memory: .NET maps its JIT-compiled code twice through a memfd, for W^X).
    /// </summary>
    public static (double Anonymous, double Files, double Shared) RssSplitMiB(int pid) =>
        (StatusKilobytes(pid, "RssAnon:") / 1024.0, StatusKilobytes(pid, "RssFile:") / 1024.0, StatusKilobytes(pid, "RssShmem:") / 1024.0);

    /// <summary>
    /// Resident memory by mapping (from /proc/PID/smaps), largest first, in MiB: each file by name, anonymous memory as
    /// "[anonymous]", the JIT's double-mapped code as "[memfd:doublemapper]", and so on.
    /// </summary>
    public static IReadOnlyList<(string Mapping, double MiB)> ResidentByMapping(int pid)
    {
        var totals = new Dictionary<string, long>(StringComparer.Ordinal);
        var current = "[anonymous]";
        foreach (var line in File.ReadLines($"/proc/{pid}/smaps"))
        {
            var fields = line.Split(' ', 6, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length >= 5 && !fields[0].EndsWith(':'))
            {
                // A mapping's header: address range, permissions, offset, device, inode, then the path if any.
                var name = fields.Length == 6 ? fields[5].Trim() : "[anonymous]";
                current = name.StartsWith('/') ? Path.GetFileName(name) : name;
            }
            else if (line.StartsWith("Rss:", StringComparison.Ordinal))
            {
                totals[current] = totals.GetValueOrDefault(current) + long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
            }
        }

        return totals.Select(t => (t.Key, t.Value / 1024.0)).OrderByDescending(t => t.Item2).ToList();
    }

    /// <summary>CPU seconds (user + system) the process has used.</summary>
    public static double CpuSeconds(int pid)
    {
        // Fields after the parenthesised command name; utime and stime are fields 14 and 15 of the whole line.
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / (double)TicksPerSecond;
    }

    /// <summary>Child processes of this process whose command name starts with <paramref name="prefix"/> (e.g. the kube-apiserver a fixture started).</summary>
    public static IReadOnlyList<int> ChildrenNamed(string prefix)
    {
        var children = new List<int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            try
            {
                var stat = File.ReadAllText(Path.Combine(directory, "stat"));
                var name = stat[(stat.IndexOf('(') + 1)..stat.LastIndexOf(')')];
                var parent = int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], CultureInfo.InvariantCulture);
                if (parent == Environment.ProcessId && name.StartsWith(prefix, StringComparison.Ordinal))
                {
                    children.Add(pid);
                }
            }
            catch (IOException)
            {
                // Exited meanwhile.
            }
        }

        return children;
    }

    /// <summary>The 1, 5 and 15 minute load averages.</summary>
    public static string LoadAverage() => string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));

    /// <summary>Busy and total jiffies of the whole machine (all cores), to tell how busy it was between two reads.</summary>
    public static (long Busy, long Total) MachineJiffies()
    {
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
        var total = fields.Sum();
        return (total - fields[3] - fields[4], total); // idle and iowait are not busy
    }

    /// <summary>Share of all cores busy between two <see cref="MachineJiffies"/> reads, in percent of one core (200 % = 2 cores).</summary>
    public static double BusyPercent((long Busy, long Total) from, (long Busy, long Total) to) =>
        to.Total == from.Total ? 0 : (to.Busy - from.Busy) * 100.0 * Environment.ProcessorCount / (to.Total - from.Total);

    private static long StatusKilobytes(int pid, string field) =>
        File.ReadLines($"/proc/{pid}/status").Where(l => l.StartsWith(field, StringComparison.Ordinal))
            .Select(l => long.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture)).Single();
}
