using Faros.PluginHost.Verification;
using Microsoft.Extensions.Logging;

namespace Faros.PluginHost.Caching;

/// <summary>
/// Verified packages on local disk, addressed by digest: <c>packages/{sha512-hex}/</c>. An entry is built
/// in <c>staging/</c> and renamed into place in one step, so a crash mid-extraction never leaves a
/// half-written entry where the host would use it. Kept under a size cap, least recently used first,
/// never evicting a package in use.
/// </summary>
public sealed class PluginCache : IDisposable
{
    private readonly long _maxBytes;
    private readonly long _maxExpandedPackageBytes;
    private readonly ILogger<PluginCache> _logger;
    private readonly Lock _gate = new();
    private readonly FileStream _lock;

    /// <summary>Opens (creating) the cache at <paramref name="root"/> and clears leftovers of interrupted work.</summary>
    public PluginCache(string root, long maxBytes, long maxExpandedPackageBytes, ILogger<PluginCache> logger)
    {
        Root = Path.GetFullPath(root);
        _maxBytes = maxBytes;
        _maxExpandedPackageBytes = maxExpandedPackageBytes;
        _logger = logger;
        Directory.CreateDirectory(Root);
        try
        {
            // One host per cache: a second one would clear the first one's extractions as leftovers.
            _lock = new FileStream(Path.Combine(Root, PluginCacheLayout.LockFileName), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException ex)
        {
            throw new IOException($"The plugin cache {Root} is in use by another process. Fix: give each agent or operator its own cache directory.", ex);
        }

        Directory.CreateDirectory(PackagesDirectory);
        Directory.CreateDirectory(DownloadsDirectory);
        foreach (var leftover in Directory.EnumerateDirectories(StagingDirectory).Where(d => Path.GetFileName(d) != PluginCacheLayout.DownloadsDirectoryName))
        {
            // An interrupted extraction or eviction: never renamed into packages/, so never used.
            Directory.Delete(leftover, recursive: true);
        }
    }

    /// <summary>The cache directory.</summary>
    public string Root { get; }

    /// <summary>Where downloads (and resumable partial downloads) wait for verification.</summary>
    public string DownloadsDirectory => Path.Combine(StagingDirectory, PluginCacheLayout.DownloadsDirectoryName);

    private string PackagesDirectory => Path.Combine(Root, PluginCacheLayout.PackagesDirectoryName);

    private string StagingDirectory => Path.Combine(Root, PluginCacheLayout.StagingDirectoryName);

    /// <summary>The entry for <paramref name="digest"/>, or null.</summary>
    public CacheEntry? Find(PackageDigest digest)
    {
        var directory = Path.Combine(PackagesDirectory, digest.Hex);
        return Directory.Exists(directory) ? new CacheEntry(digest, directory) : null;
    }

    /// <summary>Every entry, least recently used first.</summary>
    public IReadOnlyList<CacheEntry> Entries() =>
        Directory.EnumerateDirectories(PackagesDirectory)
            .Select(d => (Digest: PackageDigest.TryParseHex(Path.GetFileName(d)), Directory: d))
            .Where(e => e.Digest is not null)
            .OrderBy(e => Directory.GetLastWriteTimeUtc(e.Directory))
            .Select(e => new CacheEntry(e.Digest!, e.Directory))
            .ToArray();

    /// <summary>
    /// Builds the entry for a verified package in staging and renames it into place, replacing an existing
    /// entry of the same digest (whose content failed its check).
    /// </summary>
    /// <param name="verified">The package, verified from <see cref="VerifiedPackage.PackagePath"/>.</param>
    /// <param name="consumeFiles">Move the nupkg and bundle (a fresh download) rather than copy them (a cache repair).</param>
    public CacheEntry Commit(VerifiedPackage verified, bool consumeFiles)
    {
        var digest = verified.Spec.Digest;
        var staging = Path.Combine(StagingDirectory, $"{digest.Hex[..16]}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(staging);
        try
        {
            var stagedEntry = new CacheEntry(digest, staging);
            Place(verified.PackagePath, stagedEntry.PackagePath, consumeFiles);
            if (verified.SigstoreBundlePath is { } bundle)
            {
                Place(bundle, Path.Combine(staging, PluginCacheLayout.BundleFileName), consumeFiles);
            }

            PackageExtractor.Extract(verified.Spec.DisplayName, stagedEntry.PackagePath, stagedEntry.ContentDirectory, _maxExpandedPackageBytes);
            var target = Path.Combine(PackagesDirectory, digest.Hex);
            lock (_gate)
            {
                if (Directory.Exists(target))
                {
                    RemoveDirectory(target);
                }

                Directory.Move(staging, target);
            }

            _logger.LogInformation("Cached {Plugin} at {Directory}", verified.Spec.DisplayName, target);
            return new CacheEntry(digest, target);
        }
        catch
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }

            throw;
        }
    }

    /// <summary>True when the entry's content is exactly its package's files.</summary>
    public static bool ContentMatches(CacheEntry entry, string packageName) =>
        PackageExtractor.ContentMatches(packageName, entry.PackagePath, entry.ContentDirectory);

    /// <summary>Marks an entry as just used (the LRU order).</summary>
    public static void Touch(CacheEntry entry) => Directory.SetLastWriteTimeUtc(entry.Directory, DateTime.UtcNow);

    /// <summary>Deletes an entry (a package that failed re-verification).</summary>
    public void Remove(CacheEntry entry)
    {
        lock (_gate)
        {
            if (Directory.Exists(entry.Directory))
            {
                RemoveDirectory(entry.Directory);
            }
        }
    }

    /// <summary>Evicts least recently used entries not in <paramref name="inUse"/> until the cache fits its cap.</summary>
    /// <returns>The evicted digests.</returns>
    public IReadOnlyList<PackageDigest> EnforceCap(IReadOnlySet<PackageDigest> inUse)
    {
        lock (_gate)
        {
            var entries = Entries().Select(e => (Entry: e, Bytes: SizeOf(e.Directory))).ToList();
            var total = entries.Sum(e => e.Bytes);
            var evicted = new List<PackageDigest>();
            foreach (var (entry, bytes) in entries)
            {
                if (total <= _maxBytes)
                {
                    break;
                }

                if (inUse.Contains(entry.Digest))
                {
                    continue;
                }

                RemoveDirectory(entry.Directory);
                total -= bytes;
                evicted.Add(entry.Digest);
                _logger.LogInformation("Evicted {Digest} ({Bytes} bytes) from the plugin cache; {Total} of {Cap} bytes used", entry.Digest.Hex[..16], bytes, total, _maxBytes);
            }

            return evicted;
        }
    }

    /// <summary>Releases the cache for another host.</summary>
    public void Dispose() => _lock.Dispose();

    private static void Place(string source, string target, bool move)
    {
        if (move)
        {
            File.Move(source, target);
        }
        else
        {
            File.Copy(source, target);
        }
    }

    /// <summary>Renames out of packages/ first, so the entry disappears in one step even if deletion is cut short.</summary>
    private void RemoveDirectory(string directory)
    {
        var doomed = Path.Combine(StagingDirectory, $"evicted-{Guid.NewGuid():N}");
        Directory.Move(directory, doomed);
        Directory.Delete(doomed, recursive: true);
    }

    private static long SizeOf(string directory) =>
        new DirectoryInfo(directory).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length);
}
