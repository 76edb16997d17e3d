using System.Collections.Concurrent;
using Faros.Registry.Hosting;
using Microsoft.Extensions.Options;

namespace Faros.Registry.Feed;

/// <summary>
/// Keeps small package files in memory after their first read, up to a total budget, so hot downloads do
/// not touch the disk. Stored files never change, so an entry only goes when its version is deleted.
/// </summary>
public sealed class PackageContentCache
{
    private readonly ConcurrentDictionary<string, byte[]> files = new(StringComparer.Ordinal);
    private readonly int maxFileBytes;
    private readonly long maxTotalBytes;
    private long totalBytes;

    public PackageContentCache(IOptions<RegistryOptions> options, FeedChanges changes)
    {
        maxFileBytes = options.Value.MemoryCachePackageMaxBytes;
        maxTotalBytes = options.Value.MemoryCacheTotalBytes;
        // A hard delete followed by a new push of the same version must not serve the old bytes.
        changes.Changed += lowerId =>
        {
            foreach (var key in files.Keys.Where(key => lowerId is null || key.StartsWith(lowerId + "/", StringComparison.Ordinal)))
            {
                if (files.TryRemove(key, out var removed))
                {
                    Interlocked.Add(ref totalBytes, -removed.Length);
                }
            }
        };
    }

    public byte[]? Find(string key) => files.GetValueOrDefault(key);

    public bool WouldKeep(long length) => length <= maxFileBytes && Interlocked.Read(ref totalBytes) + length <= maxTotalBytes;

    public void Keep(string key, byte[] content)
    {
        if (WouldKeep(content.Length) && files.TryAdd(key, content))
        {
            Interlocked.Add(ref totalBytes, content.Length);
        }
    }
}
