using System.Globalization;
using System.Runtime.InteropServices;

namespace Faros.Samples.DeviceInfo;

/// <summary>
/// Reads host facts from procfs and the mounted drives. The procfs root is a parameter so tests can point
/// it at files they write, and so the agent can point it at a host /proc mounted into a container.
/// </summary>
public sealed class HostFactsReader(string procRoot = "/proc")
{
    // Pseudo and container-internal file systems say nothing about the device's storage.
    private static readonly HashSet<string> IgnoredFileSystems = new(StringComparer.Ordinal)
    {
        "proc", "sysfs", "tmpfs", "devtmpfs", "devpts", "cgroup", "cgroup2", "overlay", "mqueue", "securityfs",
        "debugfs", "tracefs", "pstore", "bpf", "configfs", "fusectl", "hugetlbfs", "autofs", "binfmt_misc", "nsfs", "rpc_pipefs",
    };

    /// <summary>Reads the facts now.</summary>
    public HostFacts Read() => new(
        RuntimeInformation.OSDescription,
        RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant(),
        Environment.ProcessorCount,
        ReadCpuModel(),
        ReadMemInfoBytes("MemTotal"),
        ReadMemInfoBytes("MemAvailable"),
        ReadDisks());

    private string? ReadCpuModel()
    {
        var path = Path.Combine(procRoot, "cpuinfo");
        if (!File.Exists(path))
        {
            return null;
        }

        // x86 says "model name"; many ARM kernels say "Model" or only "Hardware".
        foreach (var key in new[] { "model name", "Model", "Hardware" })
        {
            var line = File.ReadLines(path).FirstOrDefault(l => l.StartsWith(key, StringComparison.Ordinal) && l.Contains(':', StringComparison.Ordinal));
            if (line is not null)
            {
                return line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
            }
        }

        return null;
    }

    private long? ReadMemInfoBytes(string key)
    {
        var path = Path.Combine(procRoot, "meminfo");
        if (!File.Exists(path))
        {
            return null;
        }

        // Lines look like "MemTotal:       16314640 kB".
        var line = File.ReadLines(path).FirstOrDefault(l => l.StartsWith(key + ":", StringComparison.Ordinal));
        var fields = line?.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields is not { Length: >= 2 } || !long.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            return null;
        }

        return fields.Length >= 3 && fields[2] == "kB" ? value * 1024 : value;
    }

    private static IReadOnlyList<DiskFacts> ReadDisks() =>
        DriveInfo.GetDrives()
            // The root file system counts whatever its type: in a container it is an overlay, and still the disk in use.
            .Where(d => d.IsReady && d.TotalSize > 0 && (d.RootDirectory.FullName == "/" || !IgnoredFileSystems.Contains(d.DriveFormat)))
            .Select(d => new DiskFacts(d.RootDirectory.FullName, d.DriveFormat, d.TotalSize, d.AvailableFreeSpace))
            .ToArray();
}
