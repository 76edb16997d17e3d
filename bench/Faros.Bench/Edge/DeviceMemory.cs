using System.Globalization;

namespace Faros.Bench.Edge;

/// <summary>The agent process's memory at one moment: VmRSS, its split, VmHWM and the largest mappings.</summary>
public sealed record DeviceMemory(double RssMiB, (double Anonymous, double Files, double Shared) Split, double PeakMiB, IReadOnlyList<(string Mapping, double MiB)> Mappings)
{
    public static DeviceMemory Read(int pid) =>
        new(ProcessFigures.RssMiB(pid), ProcessFigures.RssSplitMiB(pid), ProcessFigures.PeakRssMiB(pid), ProcessFigures.ResidentByMapping(pid));

    /// <summary>"anonymous + files + shared" in MiB.</summary>
    public string SplitText => string.Create(CultureInfo.InvariantCulture, $"{Split.Anonymous:0.0} + {Split.Files:0.0} + {Split.Shared:0.0}");
}
