using System.ComponentModel.DataAnnotations;

namespace Faros.Registry.Hosting;

/// <summary>The registry's settings, bound from the "Registry" section (environment: Registry__Name) and validated at start-up.</summary>
public sealed class RegistryOptions : IValidatableObject
{
    public const string Section = "Registry";

    /// <summary>Where the database and package files live; FAROS_DATA_DIR overrides it.</summary>
    public string DataDir { get; set; } = DefaultDataDir();

    /// <summary>The URL clients reach this registry at, when it sits behind a proxy that does not send X-Forwarded-* headers.</summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>The marketplace website, for PackageDetailsUriTemplate; the registry's own base URL when unset.</summary>
    public string? MarketplaceUrl { get; set; }

    [Range(1024, long.MaxValue)]
    public long MaxPackageSizeBytes { get; set; } = 250L * 1024 * 1024;

    public bool AllowHardDelete { get; set; }

    /// <summary>
    /// Survive power loss, not only a crash: fsync each package file before it becomes visible and run SQLite
    /// with synchronous=FULL. Costs one fsync per push (a few milliseconds on ordinary disks). Off, writes are
    /// still crash-safe: files become visible by rename after they are complete, and SQLite's WAL survives a killed process.
    /// </summary>
    public bool DurableWrites { get; set; }

    public TimeSpan DownloadFlushInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long a push may hold its reservation while it writes files. An older reservation is a push whose
    /// instance died; a retry takes it over and start-up sweeps it.
    /// </summary>
    public TimeSpan PendingPushTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Packages up to this size are kept in memory after their first download.</summary>
    [Range(0, int.MaxValue)]
    public int MemoryCachePackageMaxBytes { get; set; } = 1024 * 1024;

    [Range(0, long.MaxValue)]
    public long MemoryCacheTotalBytes { get; set; } = 64L * 1024 * 1024;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (name, value) in new[] { (nameof(PublicBaseUrl), PublicBaseUrl), (nameof(MarketplaceUrl), MarketplaceUrl) })
        {
            if (!string.IsNullOrEmpty(value) && (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != "http" && uri.Scheme != "https")))
            {
                yield return new ValidationResult(
                    $"Registry:{name} '{value}' must be an absolute http or https URL, for example https://nuget.example.com.", [name]);
            }
        }

        if (string.IsNullOrWhiteSpace(DataDir))
        {
            yield return new ValidationResult("Registry:DataDir (or FAROS_DATA_DIR) must name a folder for the database and package files.", [nameof(DataDir)]);
        }

        if (PendingPushTimeout <= TimeSpan.Zero)
        {
            yield return new ValidationResult("Registry:PendingPushTimeout must be positive, for example 00:05:00.", [nameof(PendingPushTimeout)]);
        }

        if (DownloadFlushInterval <= TimeSpan.Zero)
        {
            yield return new ValidationResult("Registry:DownloadFlushInterval must be positive, for example 00:00:05.", [nameof(DownloadFlushInterval)]);
        }
    }

    public string DatabasePath => Path.Combine(DataDir, "registry.db");
    public string PackagesPath => Path.Combine(DataDir, "packages");
    public string UploadsPath => Path.Combine(DataDir, "uploads");

    private static string DefaultDataDir() =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "faros", "registry");
}
