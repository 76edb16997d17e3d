namespace Faros.PluginHost.Caching;

/// <summary>The fixed names inside the cache directory.</summary>
internal static class PluginCacheLayout
{
    public const string PackagesDirectoryName = "packages";
    public const string StagingDirectoryName = "staging";
    public const string DownloadsDirectoryName = "downloads";
    public const string PackageFileName = "package.nupkg";
    public const string BundleFileName = "package.sigstore.json";
    public const string ContentDirectoryName = "content";
    public const string LastKnownGoodFileName = "last-known-good.json";
    public const string LockFileName = ".lock";
}
