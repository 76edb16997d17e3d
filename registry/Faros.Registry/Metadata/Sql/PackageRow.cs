using System.Globalization;
using System.Text.Json;

namespace Faros.Registry.Metadata.Sql;

/// <summary>The packages table as Dapper reads it; JSON and date columns are converted to the domain record here.</summary>
internal sealed class PackageRow
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public long Key { get; set; }
    public string Id { get; set; } = "";
    public string LowerId { get; set; } = "";
    public string Version { get; set; } = "";
    public string LowerVersion { get; set; } = "";
    public string OriginalVersion { get; set; } = "";
    public long IsPrerelease { get; set; }
    public long IsSemver2 { get; set; }
    public long Listed { get; set; }
    public string Published { get; set; } = "";
    public string Title { get; set; } = "";
    public string Description { get; set; } = "";
    public string Summary { get; set; } = "";
    public string Authors { get; set; } = "";
    public string Tags { get; set; } = "";
    public string? ProjectUrl { get; set; }
    public string? LicenseUrl { get; set; }
    public string? LicenseExpression { get; set; }
    public string? IconUrl { get; set; }
    public string? ReleaseNotes { get; set; }
    public string? Copyright { get; set; }
    public string? Language { get; set; }
    public string? MinClientVersion { get; set; }
    public long RequireLicenseAcceptance { get; set; }
    public string PackageTypes { get; set; } = "[]";
    public string PackageTypesSearch { get; set; } = "";
    public string DependencyGroups { get; set; } = "[]";
    public string? Deprecation { get; set; }
    public string? ReadmeFile { get; set; }
    public string? IconFile { get; set; }
    public long HasSymbols { get; set; }
    public long Size { get; set; }
    public string Sha512 { get; set; } = "";
    public long Downloads { get; set; }
    public string Created { get; set; } = "";
    public string? PluginManifest { get; set; }
    public string? PluginSide { get; set; }
    public string? PluginCategory { get; set; }
    public string? PluginKindsSearch { get; set; }
    public string? SignerIdentity { get; set; }
    public string? SignerKind { get; set; }
    public long SignerVerified { get; set; }
    public long HasSigstoreBundle { get; set; }

    public PackageRecord ToRecord() => new()
    {
        Key = Key,
        Id = Id,
        LowerId = LowerId,
        Version = Version,
        LowerVersion = LowerVersion,
        OriginalVersion = OriginalVersion,
        IsPrerelease = IsPrerelease != 0,
        IsSemVer2 = IsSemver2 != 0,
        Listed = Listed != 0,
        Published = DateTimeOffset.Parse(Published, CultureInfo.InvariantCulture),
        Title = Title,
        Description = Description,
        Summary = Summary,
        Authors = Authors,
        Tags = Tags,
        ProjectUrl = ProjectUrl,
        LicenseUrl = LicenseUrl,
        LicenseExpression = LicenseExpression,
        IconUrl = IconUrl,
        ReleaseNotes = ReleaseNotes,
        Copyright = Copyright,
        Language = Language,
        MinClientVersion = MinClientVersion,
        RequireLicenseAcceptance = RequireLicenseAcceptance != 0,
        PackageTypes = JsonSerializer.Deserialize<List<PackageTypeRecord>>(PackageTypes, Json) ?? [],
        DependencyGroups = JsonSerializer.Deserialize<List<DependencyGroupRecord>>(DependencyGroups, Json) ?? [],
        Deprecation = Deprecation is null ? null : JsonSerializer.Deserialize<DeprecationRecord>(Deprecation, Json),
        ReadmeFile = ReadmeFile,
        IconFile = IconFile,
        HasSymbols = HasSymbols != 0,
        Size = Size,
        Sha512 = Sha512,
        Downloads = Downloads,
        Plugin = PluginManifest is null
            ? null
            : new PluginManifestRecord(
                PluginManifest,
                PluginSide ?? "",
                PluginCategory,
                (PluginKindsSearch ?? "").Split('|', StringSplitOptions.RemoveEmptyEntries).Where(kind => kind.Contains('/')).ToList()),
        Signer = SignerIdentity is null ? null : new SignerRecord(SignerIdentity, SignerKind ?? "", SignerVerified != 0),
        HasSigstoreBundle = HasSigstoreBundle != 0,
    };

    public static object ToParameters(PackageRecord package, DateTimeOffset now, int state, long downloads, bool hasSymbols) => new
    {
        State = state,
        Downloads = downloads,
        HasSymbols = hasSymbols ? 1 : 0,
        package.Id,
        package.LowerId,
        package.Version,
        package.LowerVersion,
        package.OriginalVersion,
        IsPrerelease = package.IsPrerelease ? 1 : 0,
        IsSemver2 = package.IsSemVer2 ? 1 : 0,
        Listed = package.Listed ? 1 : 0,
        Published = package.Published.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture),
        Created = now.ToString("O", CultureInfo.InvariantCulture),
        package.Title,
        package.Description,
        package.Summary,
        package.Authors,
        package.Tags,
        package.ProjectUrl,
        package.LicenseUrl,
        package.LicenseExpression,
        package.IconUrl,
        package.ReleaseNotes,
        package.Copyright,
        package.Language,
        package.MinClientVersion,
        RequireLicenseAcceptance = package.RequireLicenseAcceptance ? 1 : 0,
        PackageTypes = JsonSerializer.Serialize(package.PackageTypes, Json),
        PackageTypesSearch = SearchablePackageTypes(package.PackageTypes),
        DependencyGroups = JsonSerializer.Serialize(package.DependencyGroups, Json),
        Deprecation = package.Deprecation is null ? null : JsonSerializer.Serialize(package.Deprecation, Json),
        package.ReadmeFile,
        package.IconFile,
        package.Size,
        package.Sha512,
        PluginManifest = package.Plugin?.Json,
        PluginSide = package.Plugin?.Side,
        PluginCategory = package.Plugin?.Category,
        PluginKindsSearch = package.Plugin?.KindsSearch,
        SignerIdentity = package.Signer?.Identity,
        SignerKind = package.Signer?.Kind,
        SignerVerified = package.Signer?.Verified == true ? 1 : 0,
        HasSigstoreBundle = package.HasSigstoreBundle ? 1 : 0,
    };

    /// <summary>Package type names between bars, lower-case, so a LIKE '%|name|%' filter matches whole names.</summary>
    public static string SearchablePackageTypes(IEnumerable<PackageTypeRecord> types) =>
        "|" + string.Join("|", types.Select(type => type.Name.ToLowerInvariant())) + "|";
}
