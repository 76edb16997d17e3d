using NuGet.Versioning;

namespace Faros.Operator.PluginCatalog;

/// <summary>One version of a package as the registry's registration (catalog entry) describes it.</summary>
/// <param name="Sha512">Base64 of the .nupkg's SHA-512 (catalog packageHash).</param>
/// <param name="SdkRange">The plugin manifest's sdkVersionRange (registry "faros" metadata); null for a package that is no Faros plugin.</param>
public sealed record CatalogVersion(string Id, NuGetVersion Version, bool Listed, string? Sha512, Uri? PackageContent, string? SdkRange)
{
    /// <summary>The manifest's side (device, hub or both; registry "faros" metadata); null for a package that is no Faros plugin.</summary>
    public string? Side { get; init; }
}
