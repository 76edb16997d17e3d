using System.Text.Json.Serialization;

namespace Faros.Marketplace.Registry.Wire;

/// <summary>
/// Registration index (<c>{RegistrationsBaseUrl}{lowerid}/index.json</c>). Pages either carry their leaves
/// inline or only an <c>@id</c> to fetch, as in nuget.org.
/// </summary>
public sealed class RegistrationIndexDocument
{
    [JsonPropertyName("count")]
    public int Count { get; init; }

    [JsonPropertyName("items")]
    public List<RegistrationPageDocument> Items { get; init; } = [];
}

/// <summary>A page of versions in a registration index.</summary>
public sealed class RegistrationPageDocument
{
    [JsonPropertyName("@id")]
    public string Id { get; init; } = "";

    [JsonPropertyName("lower")]
    public string? Lower { get; init; }

    [JsonPropertyName("upper")]
    public string? Upper { get; init; }

    [JsonPropertyName("items")]
    public List<RegistrationLeafDocument>? Items { get; init; }
}

/// <summary>One version in a registration page.</summary>
public sealed class RegistrationLeafDocument
{
    [JsonPropertyName("packageContent")]
    public string? PackageContent { get; init; }

    [JsonPropertyName("catalogEntry")]
    public CatalogEntryDocument CatalogEntry { get; init; } = new();
}

/// <summary>The metadata of one package version.</summary>
public sealed class CatalogEntryDocument
{
    [JsonPropertyName("id")]
    public string Id { get; init; } = "";

    [JsonPropertyName("version")]
    public string Version { get; init; } = "";

    [JsonPropertyName("title")]
    public string? Title { get; init; }

    [JsonPropertyName("description")]
    public string? Description { get; init; }

    [JsonPropertyName("summary")]
    public string? Summary { get; init; }

    [JsonPropertyName("authors")]
    [JsonConverter(typeof(StringListConverter))]
    public List<string> Authors { get; init; } = [];

    [JsonPropertyName("tags")]
    [JsonConverter(typeof(TagListConverter))]
    public List<string> Tags { get; init; } = [];

    [JsonPropertyName("iconUrl")]
    public string? IconUrl { get; init; }

    [JsonPropertyName("published")]
    public DateTimeOffset? Published { get; init; }

    /// <summary>Absent means listed, as on nuget.org.</summary>
    [JsonPropertyName("listed")]
    public bool? Listed { get; init; }

    [JsonPropertyName("deprecation")]
    public DeprecationDocument? Deprecation { get; init; }

    [JsonPropertyName("readmeUrl")]
    public string? ReadmeUrl { get; init; }

    [JsonPropertyName("licenseExpression")]
    public string? LicenseExpression { get; init; }

    [JsonPropertyName("licenseUrl")]
    public string? LicenseUrl { get; init; }

    [JsonPropertyName("projectUrl")]
    public string? ProjectUrl { get; init; }

    [JsonPropertyName("dependencyGroups")]
    public List<DependencyGroupDocument>? DependencyGroups { get; init; }

    [JsonPropertyName("packageTypes")]
    public List<PackageTypeDocument>? PackageTypes { get; init; }

    [JsonPropertyName("faros")]
    public FarosMetadataDocument? Faros { get; init; }

    [JsonPropertyName("signer")]
    public SignerDocument? Signer { get; init; }
}

/// <summary>Why a version should no longer be used, and what to use instead.</summary>
public sealed class DeprecationDocument
{
    [JsonPropertyName("reasons")]
    public List<string> Reasons { get; init; } = [];

    [JsonPropertyName("message")]
    public string? Message { get; init; }

    [JsonPropertyName("alternatePackage")]
    public AlternatePackageDocument? AlternatePackage { get; init; }
}

/// <summary>The replacement suggested by a deprecation.</summary>
public sealed class AlternatePackageDocument
{
    [JsonPropertyName("id")]
    public string Id { get; init; } = "";

    [JsonPropertyName("range")]
    public string? Range { get; init; }
}

/// <summary>Dependencies of one target framework.</summary>
public sealed class DependencyGroupDocument
{
    [JsonPropertyName("targetFramework")]
    public string? TargetFramework { get; init; }

    [JsonPropertyName("dependencies")]
    public List<DependencyDocument>? Dependencies { get; init; }
}

/// <summary>One package dependency and its version range.</summary>
public sealed class DependencyDocument
{
    [JsonPropertyName("id")]
    public string Id { get; init; } = "";

    [JsonPropertyName("range")]
    public string? Range { get; init; }
}
