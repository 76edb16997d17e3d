namespace Faros.PluginHost.Fetching;

/// <summary>Where a package and its optional Sigstore bundle are served.</summary>
/// <param name="Package">The flat-container nupkg URL.</param>
/// <param name="SigstoreBundle">The <c>{id}.{version}.sigstore.json</c> beside it (a 404 there means unsigned).</param>
public sealed record PackageLocation(Uri Package, Uri SigstoreBundle)
{
    private const string PackageSuffix = ".nupkg";
    private const string BundleSuffix = ".sigstore.json";

    /// <summary>From a resolved nupkg URL: the bundle is the same path with <c>.sigstore.json</c> for <c>.nupkg</c>.</summary>
    public static PackageLocation FromPackageUrl(Uri packageUrl)
    {
        ArgumentNullException.ThrowIfNull(packageUrl);
        var builder = new UriBuilder(packageUrl);
        if (!builder.Path.EndsWith(PackageSuffix, StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"'{packageUrl}' is not a .nupkg URL. Fix: give the flat-container URL ending in {PackageSuffix}.", nameof(packageUrl));
        }

        builder.Path = builder.Path[..^PackageSuffix.Length] + BundleSuffix;
        return new PackageLocation(packageUrl, builder.Uri);
    }

    /// <summary>From a PackageBaseAddress (flat container) root, by the protocol's lowercase naming.</summary>
    public static PackageLocation FromPackageBaseAddress(Uri baseAddress, PluginSpec spec)
    {
        var root = baseAddress.ToString().TrimEnd('/') + "/";
        var id = spec.Id.ToLowerInvariant();
        var version = spec.Version.ToNormalizedString().ToLowerInvariant();
        return FromPackageUrl(new Uri($"{root}{id}/{version}/{id}.{version}{PackageSuffix}"));
    }
}
