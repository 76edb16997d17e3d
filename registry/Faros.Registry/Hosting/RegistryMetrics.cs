using System.Diagnostics.Metrics;

namespace Faros.Registry.Hosting;

/// <summary>The registry's own OpenTelemetry instruments, next to ASP.NET Core's request metrics.</summary>
public sealed class RegistryMetrics
{
    public const string MeterName = "Faros.Registry";

    private readonly Counter<long> pushes;
    private readonly Counter<long> downloads;

    public RegistryMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        pushes = meter.CreateCounter<long>("faros.registry.pushes", description: "Packages stored");
        downloads = meter.CreateCounter<long>("faros.registry.downloads", description: "Package downloads served");
    }

    public void PackagePushed() => pushes.Add(1);

    public void PackageDownloaded() => downloads.Add(1);
}
