using Faros.Marketplace.Registry.Wire;
using NuGet.Versioning;

namespace Faros.Marketplace.Catalog;

/// <summary>One version in a plugin's history, as the versions table shows it.</summary>
public sealed record PluginVersion(
    NuGetVersion Version,
    DateTimeOffset? Published,
    long? Downloads,
    bool Listed,
    Deprecation? Deprecation)
{
    public string Normalized => Version.ToNormalizedString();

    /// <summary>
    /// nuget.org-style registries report unlisted versions as published in 1900; such a date means "unknown" here.
    /// </summary>
    public static DateTimeOffset? RealDate(DateTimeOffset? published) =>
        published is { Year: > 1900 } date ? date : null;

    public static PluginVersion From(CatalogEntryDocument entry, NuGetVersion version, long? downloads) =>
        new(version, RealDate(entry.Published), downloads, entry.Listed ?? true, Deprecation.From(entry.Deprecation));
}
