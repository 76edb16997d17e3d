namespace Faros.Sdk.Manifest;

/// <summary>What a package holds besides its manifest, for checks that need both (done by the registry at push).</summary>
/// <param name="PackageId">The nuspec id.</param>
/// <param name="Files">Package-relative file paths with forward slashes, e.g. <c>lib/net10.0/Acme.Thermostat.dll</c>.</param>
public sealed record PluginPackageContents(string PackageId, IReadOnlyCollection<string> Files);
