namespace Faros.Registry.Metadata;

/// <summary>One version of a package as the registry knows it.</summary>
public sealed record PackageRecord
{
    public long Key { get; init; }
    public required string Id { get; init; }
    public required string LowerId { get; init; }
    public required string Version { get; init; }
    public required string LowerVersion { get; init; }
    public required string OriginalVersion { get; init; }
    public bool IsPrerelease { get; init; }
    public bool IsSemVer2 { get; init; }
    public bool Listed { get; init; } = true;
    public DateTimeOffset Published { get; init; }
    public string Title { get; init; } = "";
    public string Description { get; init; } = "";
    public string Summary { get; init; } = "";
    public string Authors { get; init; } = "";
    public string Tags { get; init; } = "";
    public string? ProjectUrl { get; init; }
    public string? LicenseUrl { get; init; }
    public string? LicenseExpression { get; init; }
    public string? IconUrl { get; init; }
    public string? ReleaseNotes { get; init; }
    public string? Copyright { get; init; }
    public string? Language { get; init; }
    public string? MinClientVersion { get; init; }
    public bool RequireLicenseAcceptance { get; init; }
    public IReadOnlyList<PackageTypeRecord> PackageTypes { get; init; } = [];
    public IReadOnlyList<DependencyGroupRecord> DependencyGroups { get; init; } = [];
    public DeprecationRecord? Deprecation { get; init; }
    public string? ReadmeFile { get; init; }
    public string? IconFile { get; init; }
    public bool HasSymbols { get; init; }
    public long Size { get; init; }
    public required string Sha512 { get; init; }
    public long Downloads { get; init; }

    /// <summary>The faros-plugin.json of a FarosPlugin package, as validated at push; null for other packages.</summary>
    public PluginManifestRecord? Plugin { get; init; }

    /// <summary>Who signed the package, as the trust policy found at push (or when a bundle was attached); null when unsigned or unchecked.</summary>
    public SignerRecord? Signer { get; init; }

    /// <summary>Whether a Sigstore bundle is stored next to the package ({id}.{version}.sigstore.json).</summary>
    public bool HasSigstoreBundle { get; init; }

    public bool HasReadme => ReadmeFile is not null;
    public bool HasIcon => IconFile is not null;
}

public sealed record PackageTypeRecord(string Name, string? Version);

public sealed record DependencyGroupRecord(string? TargetFramework, IReadOnlyList<DependencyRecord> Dependencies);

public sealed record DependencyRecord(string Id, string? Range);

public sealed record DeprecationRecord(IReadOnlyList<string> Reasons, string? Message, string? AlternatePackageId, string? AlternatePackageRange);

/// <summary>A plugin's manifest as stored: the JSON itself, plus the fields that search filters on.</summary>
public sealed record PluginManifestRecord(string Json, string Side, string? Category, IReadOnlyList<string> Kinds)
{
    /// <summary>Kinds between bars, lower-case, each as "kind" and "group/version/kind", for a LIKE '%|x|%' filter.</summary>
    public string KindsSearch => "|" + string.Join("|", Kinds.SelectMany(kind => new[] { kind[(kind.LastIndexOf('/') + 1)..], kind }).Select(k => k.ToLowerInvariant())) + "|";
}

/// <summary>
/// A package's signer: the display identity the verifying signature proved, its signature kind (sigstore or nuget), and
/// whether the trust policy allowed that signer for the id (the marketplace's verified badge). A signer proven but not
/// allowed is kept (verified false) when a warn rule let the package in.
/// </summary>
public sealed record SignerRecord(string Identity, string Kind, bool Verified);
