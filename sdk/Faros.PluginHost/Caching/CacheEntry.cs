namespace Faros.PluginHost.Caching;

/// <summary>
/// One verified package in the cache: <c>packages/{sha512-hex}/</c> holding the nupkg, its Sigstore bundle
/// when there was one, and the extracted <c>content/</c>.
/// </summary>
public sealed record CacheEntry(PackageDigest Digest, string Directory)
{
    /// <summary>The nupkg exactly as downloaded.</summary>
    public string PackagePath => Path.Combine(Directory, PluginCacheLayout.PackageFileName);

    /// <summary>The Sigstore bundle, or null when the registry served none.</summary>
    public string? SigstoreBundlePath
    {
        get
        {
            var path = Path.Combine(Directory, PluginCacheLayout.BundleFileName);
            return File.Exists(path) ? path : null;
        }
    }

    /// <summary>The extracted package.</summary>
    public string ContentDirectory => Path.Combine(Directory, PluginCacheLayout.ContentDirectoryName);
}
